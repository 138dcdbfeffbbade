/**
 * The Spring Security side of SeeStack: who the user of a request is. A
 * {@link io.seestack.spring.autoconfigure.security.SeeStackUserResolver} maps the request's {@code Authentication}
 * to a SeeStack {@link io.seestack.User}; the {@link io.seestack.spring.autoconfigure.security.SeeStackUserFilter},
 * right after Spring Security's filter chain, sets it on the request's scope, and the
 * {@link io.seestack.spring.autoconfigure.security.SeeStackAuthenticationListener} follows login (so the login
 * request itself is attributed) and logout (so what follows it is anonymous).
 */
@NullMarked
package io.seestack.spring.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
