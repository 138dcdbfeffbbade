/**
 * The reactive Spring Security side of SeeStack: who the user of a WebFlux exchange is. The
 * {@link io.seestack.spring.autoconfigure.security.reactive.SeeStackServerUserFilter}, right after Spring Security's
 * {@code WebFilterChainProxy}, gives the exchange's context the user that the
 * {@link io.seestack.spring.autoconfigure.security.SeeStackUserResolver} finds for the exchange's authentication;
 * the {@link io.seestack.spring.autoconfigure.security.reactive.SeeStackServerLoginFilter}, right before it,
 * attributes a form login (reactive Spring Security publishes no authentication events).
 */
@NullMarked
package io.seestack.spring.autoconfigure.security.reactive;

import org.jspecify.annotations.NullMarked;
