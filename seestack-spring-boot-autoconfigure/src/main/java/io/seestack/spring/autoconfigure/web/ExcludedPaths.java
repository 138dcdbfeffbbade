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
		Predicate<String> matcher;
		try {
			PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
			matcher = (path) -> parsed.matches(PathContainer.parsePath(path));
		}
		catch (IllegalArgumentException ex) {
			AntPathMatcher ant = new AntPathMatcher();
			matcher = (path) -> ant.match(pattern, path);
		}
		// Most paths of most requests are not excluded: a string comparison settles them before the path is
		// parsed. An encoded path is left to the matcher, which decodes it.
		String prefix = literalPrefix(pattern);
		Predicate<String> full = matcher;
		return (path) -> (path.startsWith(prefix) || path.indexOf('%') >= 0) && full.test(path);
	}

	/**
	 * The start that every path the pattern matches has: the pattern up to its first wildcard or variable, without
	 * a last {@code /}, since {@code /actuator/**} also matches {@code /actuator}.
	 */
	static String literalPrefix(String pattern) {
		int end = pattern.length();
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '*' || c == '?' || c == '{') {
				end = i;
				break;
			}
		}
		String prefix = pattern.substring(0, end);
		return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
	}

}
