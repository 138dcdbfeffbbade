/**
 * Outbound HTTP items: the calls the application makes through the {@code RestClient}, {@code RestTemplate} and
 * {@code WebClient} that Spring Boot's builders make, each recorded with the user and trace id of the scope that
 * made it, and optionally given a W3C {@code traceparent} header. One auto-configuration per client kind, each
 * behind its own class condition, all needing {@code seestack.project-id}.
 */
@NullMarked
package io.seestack.spring.autoconfigure.client;

import org.jspecify.annotations.NullMarked;
