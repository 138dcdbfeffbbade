/**
 * The WebFlux side of SeeStack: one context per exchange, opened by
 * {@link io.seestack.spring.autoconfigure.web.reactive.SeeStackWebFilter} before Spring Security and carried in
 * the Reactor {@code Context}, so that Reactor's context propagation makes it current on every thread that runs the
 * exchange's operators; the exchange's IP, by the servlet side's trusted-proxy rules; one inbound HTTP request
 * item per exchange; and the capture of exceptions, those that leave the chain and those that an
 * {@code @ExceptionHandler} answers, decided once the final status is known.
 */
@NullMarked
package io.seestack.spring.autoconfigure.web.reactive;

import org.jspecify.annotations.NullMarked;
