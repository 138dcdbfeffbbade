package io.seestack.spring.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.http.server.PathContainer;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@code seestack.http.exclude-paths}: path patterns, matched against the path within the application, in
 * {@link PathPattern} syntax, or in {@link AntPathMatcher} syntax where {@code PathPattern} refuses one.
 */
final class ExcludedPaths {

	private final List<Predicate<String>> matchers;

	private ExcludedPaths(List<Predicate<String>> matchers) {
		this.matchers = matchers;
	}

	static ExcludedPaths of(List<String> patterns) {
		List<Predicate<String>> matchers = new ArrayList<>(patterns.size());
		for (String pattern : patterns) {
			if (pattern != null && !pattern.isBlank()) {
				matchers.add(matcher(pattern.strip()));
			}
		}
		return new ExcludedPaths(List.copyOf(matchers));
	}

	boolean matches(String pathWithinApplication) {
		if (this.matchers.isEmpty()) {
			return false;
		}
		for (Predicate<String> matcher : this.matchers) {
			if (matcher.test(pathWithinApplication)) {
				return true;
			}
		}
		return false;
	}

	private static Predicate<String> matcher(String pattern) {
		try {
			PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
			return (path) -> parsed.matches(PathContainer.parsePath(path));
		}
		catch (IllegalArgumentException ex) {
			AntPathMatcher ant = new AntPathMatcher();
			return (path) -> ant.match(pattern, path);
		}
	}

}
