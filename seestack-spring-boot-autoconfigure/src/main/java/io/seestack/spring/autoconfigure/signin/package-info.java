/**
 * Sign-in tracking: every interactive sign-in and every failed one that Spring Security publishes becomes a log
 * event, the attempted login identified, anonymized or left out; repeated failures from one client IP or for one
 * login become one "possible brute force" event per window; Micrometer counts them. Outside the
 * {@code security} package because it needs the request's client IP, which is the web package's business.
 */
@NullMarked
package io.seestack.spring.autoconfigure.signin;

import org.jspecify.annotations.NullMarked;
