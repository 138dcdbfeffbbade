package io.seestack.spring.autoconfigure.security;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import io.seestack.spring.autoconfigure.web.ClientIpResolver;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultSeeStackUserResolver}.
 */
class DefaultSeeStackUserResolverTests {

	private static final List<GrantedAuthority> USER = AuthorityUtils.createAuthorityList("ROLE_USER");

	private final SeeStackProperties properties = new SeeStackProperties();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");

	DefaultSeeStackUserResolverTests() {
		this.request.setRemoteAddr("203.0.113.9");
	}

	@Test
	void mapsUserDetailsToIdAndUsername() {
		var principal = org.springframework.security.core.userdetails.User.withUsername("alice")
			.password("secret")
			.roles("USER")
			.build();
		User user = resolve(UsernamePasswordAuthenticationToken.authenticated(principal, null, USER));
		assertThat(user).isEqualTo(User.builder().id("alice").username("alice").build());
	}

	@Test
	void mapsAnOidcUserFromItsClaims() {
		OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
			.subject("248289761001")
			.claim("email", "jane@example.com")
			.claim("preferred_username", "jane")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		var authentication = new OAuth2AuthenticationToken(new DefaultOidcUser(USER, idToken), USER, "idp");
		this.properties.setSendDefaultPii(true);
		assertThat(resolve(authentication)).as("send-default-pii collects the email")
			.isEqualTo(User.builder().id("248289761001").username("jane").email("jane@example.com").build());
	}

	@Test
	void mapsAnOAuth2UserWithoutASubjectToItsName() {
		var principal = new DefaultOAuth2User(USER, java.util.Map.of("id", 4711, "login", "octocat"), "id");
		var authentication = new OAuth2AuthenticationToken(principal, USER, "github");
		assertThat(resolve(authentication)).isEqualTo(User.builder().id("4711").build());
	}

	@Test
	void mapsAJwtFromItsClaims() {
		User user = resolve(new JwtAuthenticationToken(jwt(), USER));
		assertThat(user).isEqualTo(User.builder().id("subject-1").username("jwt-user").build());
	}

	@Test
	void readsTheConfiguredJwtClaims() {
		this.properties.getUser().setIdClaim("uid");
		this.properties.getUser().setUsernameClaim("nickname");
		this.properties.getUser().setEmailClaim("mail");
		this.properties.setSendDefaultPii(true);
		User user = resolve(new JwtAuthenticationToken(jwt(), USER));
		assertThat(user).isEqualTo(
				User.builder().id("u-42").username("nick").email("other@example.com").build());
	}

	@Test
	void fallsBackToTheTokenNameWhenTheIdClaimIsMissing() {
		this.properties.getUser().setIdClaim("missing");
		assertThat(resolve(new JwtAuthenticationToken(jwt(), USER)).id()).isEqualTo("subject-1");
	}

	@Test
	void includesTheEmailOnlyWithSendDefaultPii() {
		assertThat(resolve(new JwtAuthenticationToken(jwt(), USER)).email()).isNull();
		this.properties.setSendDefaultPii(true);
		assertThat(resolve(new JwtAuthenticationToken(jwt(), USER)).email()).isEqualTo("jwt@example.com");
	}

	@Test
	void mapsAnyOtherPrincipalToItsName() {
		Principal principal = () -> "carol";
		assertThat(resolve(new PreAuthenticatedAuthenticationToken(principal, null, USER)))
			.isEqualTo(User.builder().id("carol").build());
		assertThat(resolve(new TestingAuthenticationToken("dave", "pw", "ROLE_USER")))
			.isEqualTo(User.builder().id("dave").build());
	}

	@Test
	void findsNoUserForAnAnonymousAuthenticationWhateverItsPrincipalIsNamed() {
		assertThat(resolve(new AnonymousAuthenticationToken("key", "guest",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
			.isNull();
		assertThat(resolve(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
			.isNull();
	}

	@Test
	void takesAnAuthenticatedUserNamedAnonymousUserForAUser() {
		assertThat(resolve(new TestingAuthenticationToken("anonymousUser", "pw", "ROLE_USER")))
			.isEqualTo(User.builder().id("anonymousUser").build());
	}

	@Test
	void findsNoUserForAnAuthenticationThatIsNotAuthenticated() {
		assertThat(resolve(UsernamePasswordAuthenticationToken.unauthenticated("bob", "pw"))).isNull();
		assertThat(resolve(new JwtAuthenticationToken(jwt()))).isNull();
	}

	@Test
	void resolvesTheIdentityOnlyTheIpIsTheScopes() {
		this.properties.getUser().setIp(IpCollection.FULL);
		assertThat(resolve(new TestingAuthenticationToken("erin", "pw", "ROLE_USER")))
			.isEqualTo(User.builder().id("erin").build());
	}

	private User resolve(Authentication authentication) {
		return DefaultSeeStackUserResolver.from(this.properties).resolve(authentication);
	}

	private static Jwt jwt() {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("subject-1")
			.claim("email", "jwt@example.com")
			.claim("preferred_username", "jwt-user")
			.claim("uid", "u-42")
			.claim("nickname", "nick")
			.claim("mail", "other@example.com")
			.build();
	}

}
