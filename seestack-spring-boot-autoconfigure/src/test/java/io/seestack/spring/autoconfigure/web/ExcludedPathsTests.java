package io.seestack.spring.autoconfigure.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class ExcludedPathsTests {

	private static final List<String> PATTERNS = List.of("/actuator/**", "/actuator", "/api/*/health",
			"/static/*.css", "/files/{*rest}", "/users/{id:[0-9]+}", "/**/ping", "/exact");

	private static final List<String> PATHS = List.of("/", "/actuator", "/actuator/", "/actuator/health",
			"/actuatorx", "/actuato", "/Actuator/health", "/%61ctuator/health", "/api/v1/health", "/api/health",
			"/static/site.css", "/static/a/site.css", "/files", "/files/a/b", "/users/42", "/users/ada", "/a/b/ping",
			"/ping", "/exact", "/exact/", "/exactly");

	@Test
	void matchesExactlyWhatSpringsPathPatternsMatch() {
		for (String pattern : PATTERNS) {
			ExcludedPaths excluded = ExcludedPaths.of(List.of(pattern));
			for (String path : PATHS) {
				boolean expected = springMatches(pattern, path);
				assertThat(excluded.matches(path)).as("%s matches %s", pattern, path).isEqualTo(expected);
			}
		}
	}

	@Test
	void theDefaultActuatorPatternExcludesActuatorPathsOnly() {
		ExcludedPaths excluded = ExcludedPaths.of(List.of("/actuator/**"));

		assertThat(excluded.matches("/actuator")).isTrue();
		assertThat(excluded.matches("/actuator/health/liveness")).isTrue();
		assertThat(excluded.matches("/%61ctuator/health")).as("encoded").isTrue();
		assertThat(excluded.matches("/actuators")).isFalse();
		assertThat(excluded.matches("/hello")).isFalse();
	}

	@Test
	void theLiteralPrefixEndsBeforeTheFirstWildcardOrVariableAndItsSlash() {
		assertThat(ExcludedPaths.literalPrefix("/actuator/**")).isEqualTo("/actuator");
		assertThat(ExcludedPaths.literalPrefix("/static/*.css")).isEqualTo("/static");
		assertThat(ExcludedPaths.literalPrefix("/act*")).isEqualTo("/act");
		assertThat(ExcludedPaths.literalPrefix("/files/{*rest}")).isEqualTo("/files");
		assertThat(ExcludedPaths.literalPrefix("/**")).isEmpty();
		assertThat(ExcludedPaths.literalPrefix("/exact")).isEqualTo("/exact");
	}

	@Test
	void anAntPatternThatPathPatternRefusesStillMatches() {
		ExcludedPaths excluded = ExcludedPaths.of(List.of("/**/internal/**"));

		assertThat(excluded.matches("/a/internal/b")).isTrue();
		assertThat(excluded.matches("/a/public/b")).isFalse();
	}

	private static boolean springMatches(String pattern, String path) {
		try {
			return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
		}
		catch (IllegalArgumentException ex) {
			return new org.springframework.util.AntPathMatcher().match(pattern, path);
		}
	}

}
