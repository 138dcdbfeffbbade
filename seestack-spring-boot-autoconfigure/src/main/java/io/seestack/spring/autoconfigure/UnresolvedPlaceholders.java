package io.seestack.spring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;

/**
 * Finds the {@code seestack.*} text properties whose value still holds a <code>${...}</code> placeholder and puts
 * them back to their defaults. Spring Boot binds a placeholder that nothing resolves as its literal text, so
 * {@code api-key: ${SEESTACK_API_KEY}} with the variable unset would otherwise be sent as the API key, answered with
 * 401, and switch SeeStack off for the life of the process; a host, a claim name or an outbox path with such text
 * is as wrong. Properties of other types need nothing here: Boot already fails to convert the text to a number, a
 * duration or a boolean.
 *
 * <p>Every property of {@link SeeStackProperties} and of its nested groups is visited, so a property added later is
 * covered without a change here. Only the placeholders' names are logged, never a value: an API key may surround
 * one.
 */
final class UnresolvedPlaceholders {

	private static final Log logger = LogFactory.getLog(SeeStackAutoConfiguration.class);

	/** The name of a placeholder: what follows <code>${</code>, up to its default or its end. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:$]*)");

	static final String API_KEY = "seestack.api-key";

	private UnresolvedPlaceholders() {
	}

	/**
	 * Puts each property with an unresolved placeholder back to its default, and logs one warning per property,
	 * except for the API key when {@code seestack.require-api-key} is true: startup then fails with a failure
	 * analysis that says the same.
	 * @return the properties put back, by name, each with the names of its placeholders
	 */
	static Map<String, List<String>> ignore(SeeStackProperties properties) {
		Map<String, List<String>> ignored = new LinkedHashMap<>();
		reset(new BeanWrapperImpl(properties), new BeanWrapperImpl(new SeeStackProperties()), "seestack", ignored);
		ignored.forEach((property, names) -> {
			if (!(property.equals(API_KEY) && properties.isRequireApiKey())) {
				logger.warn(message(property, names));
			}
		});
		return Collections.unmodifiableMap(ignored);
	}

	private static void reset(BeanWrapper target, BeanWrapper defaults, String prefix,
			Map<String, List<String>> ignored) {
		for (PropertyDescriptor descriptor : target.getPropertyDescriptors()) {
			String name = descriptor.getName();
			if (descriptor.getReadMethod() == null || "class".equals(name)) {
				continue;
			}
			String property = prefix + "." + kebabCase(name);
			Class<?> type = descriptor.getPropertyType();
			if (type != null && type.getDeclaringClass() == SeeStackProperties.class && !type.isEnum()) {
				Object group = target.getPropertyValue(name);
				Object defaultGroup = defaults.getPropertyValue(name);
				if (group != null && defaultGroup != null) {
					reset(new BeanWrapperImpl(group), new BeanWrapperImpl(defaultGroup), property, ignored);
				}
				continue;
			}
			if (descriptor.getWriteMethod() == null) {
				continue;
			}
			List<String> names = placeholders(target.getPropertyValue(name));
			if (!names.isEmpty()) {
				target.setPropertyValue(name, defaults.getPropertyValue(name));
				ignored.put(property, names);
			}
		}
	}

	/** The names of the placeholders in a text value, a path, or the elements of a list of them. */
	static List<String> placeholders(@Nullable Object value) {
		List<String> names = new ArrayList<>();
		if (value instanceof CharSequence || value instanceof Path) {
			Matcher matcher = PLACEHOLDER.matcher(value.toString());
			while (matcher.find()) {
				if (!names.contains(matcher.group(1))) {
					names.add(matcher.group(1));
				}
			}
		}
		else if (value instanceof Collection<?> elements) {
			for (Object element : elements) {
				placeholders(element).stream().filter((name) -> !names.contains(name)).forEach(names::add);
			}
		}
		return names;
	}

	private static String message(String property, List<String> names) {
		String placeholders = String.join(", ", names.stream().map((name) -> "${" + name + "}").toList());
		String variables = String.join(" and ", names);
		return "SeeStack ignores " + property + ": it refers to " + placeholders + ", which nothing resolves (no "
				+ "environment variable or property " + variables + "), so SeeStack runs as if " + property
				+ " were not set" + (property.equals(API_KEY) ? " and sends nothing with it" : "") + ". Set "
				+ variables + ", or write ${" + names.get(0) + ":} to mean no value.";
	}

	/** {@code identicalErrorsPerSecond} as {@code identical-errors-per-second}. */
	private static String kebabCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
