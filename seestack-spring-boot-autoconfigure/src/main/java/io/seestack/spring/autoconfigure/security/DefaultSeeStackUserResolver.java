package io.seestack.spring.autoconfigure.security;

import java.util.Map;

import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The default {@link SeeStackUserResolver}:
 * <ul>
 * <li>an anonymous authentication (by its type, as the {@link AuthenticationTrustResolver} decides, not by the
 * name {@code anonymousUser}) or one that is not authenticated: no user;</li>
 * <li>a JWT or opaque token of a resource server, or an OAuth 2.0 / OIDC login: id, email and username from the
 * claims named by {@code seestack.user.id-claim} ({@code sub}), {@code email-claim} ({@code email}) and
 * {@code username-claim} ({@code preferred_username}); the id falls back to the authentication's name;</li>
 * <li>a {@link UserDetails} principal: id and username are the username;</li>
 * <li>any other principal: id is the authentication's name.</li>
 * </ul>
 * The email is included only with {@code seestack.send-default-pii}. The IP is not the resolver's business: the
 * request's scope has it, and every event whose user has no IP of its own carries it.
 */
public class DefaultSeeStackUserResolver implements SeeStackUserResolver {

	private final AuthenticationTrustResolver trustResolver;

	private final boolean sendDefaultPii;

	private final String idClaim;

	private final String emailClaim;

	private final String usernameClaim;

	/**
	 * Creates a resolver.
	 * @param sendDefaultPii whether to include the email
	 * @param idClaim the claim of the user id
	 * @param emailClaim the claim of the email
	 * @param usernameClaim the claim of the username
	 * @param trustResolver tells anonymous authentications
	 */
	public DefaultSeeStackUserResolver(boolean sendDefaultPii, String idClaim, String emailClaim, String usernameClaim,
			AuthenticationTrustResolver trustResolver) {
		this.trustResolver = trustResolver;
		this.sendDefaultPii = sendDefaultPii;
		this.idClaim = idClaim;
		this.emailClaim = emailClaim;
		this.usernameClaim = usernameClaim;
	}

	/**
	 * The resolver that {@code seestack.send-default-pii} and {@code seestack.user.*-claim} describe, telling
	 * anonymous authentications with an {@link AuthenticationTrustResolverImpl}.
	 * @param properties the SeeStack properties
	 * @return the resolver
	 */
	public static DefaultSeeStackUserResolver from(SeeStackProperties properties) {
		return new DefaultSeeStackUserResolver(properties.isSendDefaultPii(), properties.getUser().getIdClaim(),
				properties.getUser().getEmailClaim(), properties.getUser().getUsernameClaim(),
				new AuthenticationTrustResolverImpl());
	}

	@Override
	public @Nullable User resolve(Authentication authentication) {
		if (!authentication.isAuthenticated() || this.trustResolver.isAnonymous(authentication)) {
			return null;
		}
		String id;
		String username = null;
		String email = null;
		Map<String, Object> claims = OAuth2Attributes.of(authentication);
		if (claims != null) {
			id = claim(claims, this.idClaim);
			username = claim(claims, this.usernameClaim);
			email = claim(claims, this.emailClaim);
			if (id == null) {
				id = authentication.getName();
			}
		}
		else if (authentication.getPrincipal() instanceof UserDetails userDetails) {
			id = userDetails.getUsername();
			username = id;
		}
		else {
			id = authentication.getName();
		}
		if (id == null || id.isEmpty()) {
			return null;
		}
		return User.builder().id(id).username(username).email(this.sendDefaultPii ? email : null).build();
	}

	private static @Nullable String claim(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value == null) {
			return null;
		}
		String text = value.toString();
		return text.isEmpty() ? null : text;
	}

}
