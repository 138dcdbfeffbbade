package io.seestack.spring.autoconfigure.security;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.util.ClassUtils;

/**
 * The claims of an OAuth 2.0 authentication: of a resource server's token (a JWT, or an introspected opaque
 * token), or of an OAuth 2.0 login's principal (an OIDC user's ID token and user info). Each kind is read by a
 * nested class that is loaded only when its Spring Security module is on the classpath.
 */
final class OAuth2Attributes {

	private static final boolean RESOURCE_SERVER_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
			OAuth2Attributes.class.getClassLoader());

	private static final boolean OAUTH2_CORE_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal",
			OAuth2Attributes.class.getClassLoader());

	private OAuth2Attributes() {
	}

	/** The token's claims or the principal's attributes, or {@code null} for any other authentication. */
	static @Nullable Map<String, Object> of(Authentication authentication) {
		if (RESOURCE_SERVER_PRESENT) {
			Map<String, Object> claims = TokenClaims.of(authentication);
			if (claims != null) {
				return claims;
			}
		}
		return OAUTH2_CORE_PRESENT ? PrincipalAttributes.of(authentication) : null;
	}

	private static final class TokenClaims {

		static @Nullable Map<String, Object> of(Authentication authentication) {
			return (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token)
					? token.getTokenAttributes() : null;
		}

	}

	private static final class PrincipalAttributes {

		static @Nullable Map<String, Object> of(Authentication authentication) {
			return (authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal)
					? principal.getAttributes() : null;
		}

	}

}
