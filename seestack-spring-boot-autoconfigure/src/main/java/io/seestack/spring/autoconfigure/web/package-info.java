/**
 * The servlet side of SeeStack: one {@link io.seestack.Scope scope} per request, opened by
 * {@link io.seestack.spring.autoconfigure.web.SeeStackRequestFilter} before Spring Security and closed on the same
 * thread; the request's IP ({@link io.seestack.spring.autoconfigure.web.ClientIpResolver}, which trusts
 * {@code X-Forwarded-For} only from configured proxies); one inbound HTTP request item per request; and the capture
 * of exceptions, decided once the final status is known, from what
 * {@link io.seestack.spring.autoconfigure.web.SeeStackExceptionRecorder} saw.
 */
@NullMarked
package io.seestack.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
