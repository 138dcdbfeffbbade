package io.seestack.spring.autoconfigure.security;

import java.util.ArrayList;
import java.util.List;

import io.seestack.User;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

class ResolvedUserTests {

	private final List<String> resolved = new ArrayList<>();

	private final SeeStackUserResolver resolver = (authentication) -> {
		this.resolved.add(authentication.getName());
		return User.builder().id(authentication.getName()).build();
	};

	@Test
	void resolvesTheSameAuthenticationOncePerRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		Authentication ada = new TestingAuthenticationToken("ada", "n/a", "ROLE_USER");

		User first = ResolvedUser.of(this.resolver, ada, request);
		User second = ResolvedUser.of(this.resolver, ada, request);

		assertThat(first).isSameAs(second);
		assertThat(this.resolved).containsExactly("ada");
	}

	@Test
	void resolvesAgainForAnotherAuthenticationRequestOrResolver() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		Authentication ada = new TestingAuthenticationToken("ada", "n/a", "ROLE_USER");
		Authentication grace = new TestingAuthenticationToken("grace", "n/a", "ROLE_USER");
		SeeStackUserResolver other = (authentication) -> null;

		ResolvedUser.of(this.resolver, ada, request);
		assertThat(ResolvedUser.of(this.resolver, grace, request).id()).isEqualTo("grace");
		ResolvedUser.of(this.resolver, grace, new MockHttpServletRequest());
		assertThat(ResolvedUser.of(other, grace, request)).isNull();

		assertThat(this.resolved).containsExactly("ada", "grace", "grace");
	}

}
