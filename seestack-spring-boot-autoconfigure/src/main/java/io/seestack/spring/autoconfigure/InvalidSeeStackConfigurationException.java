package io.seestack.spring.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.seestack.SeeStackConfigurationException;
import io.seestack.SeeStackOptions;
import org.jspecify.annotations.Nullable;

/**
 * The {@code seestack.*} properties, or a {@link SeeStackOptionsCustomizer}, produced options that the core
 * refused. The core names the option at fault; {@link OptionProperty} names the property that sets it, so the
 * core's rules are applied, never repeated or probed here. Or the API key is missing while
 * {@code seestack.require-api-key} is true ({@link #missingApiKey(List)}). Turned into a failure analysis by
 * {@link InvalidSeeStackConfigurationFailureAnalyzer}. The message and value are the core's, which never hold the
 * API key and mask the credentials of a URL.
 */
final class InvalidSeeStackConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Options of {@link SeeStackOptions.Builder} that no property sets, so only a customizer can have set them: the
	 * transport, and the delivery listener, which the starter makes from the {@code DeliveryListener} beans.
	 */
	static final Set<String> CUSTOMIZER_ONLY_OPTIONS = Set.of("transport", "deliveryListener", "sendTimeout",
			"shutdownHook");

	private final String option;

	private final @Nullable String property;

	private final @Nullable String value;

	private final String action;

	private final @Nullable String description;

	private InvalidSeeStackConfigurationException(String option, @Nullable String property, String action,
			SeeStackConfigurationException cause) {
		super(cause.getMessage(), cause);
		this.option = option;
		this.property = property;
		this.value = cause.value();
		this.action = action;
		this.description = null;
	}

	private InvalidSeeStackConfigurationException(String option, String property, String description,
			String reason, String action) {
		super(reason);
		this.option = option;
		this.property = property;
		this.value = null;
		this.action = action;
		this.description = description;
	}

	/**
	 * The API key is not set, blank, or an unresolved placeholder, and {@code seestack.require-api-key} is true:
	 * the application is meant to send, so starting in local mode would lose its events without a sound.
	 * @param placeholders the names of the unresolved placeholders of {@code seestack.api-key}, if it had any
	 */
	static InvalidSeeStackConfigurationException missingApiKey(@Nullable List<String> placeholders) {
		boolean unresolved = placeholders != null && !placeholders.isEmpty();
		String variables = unresolved ? String.join(" and ", placeholders) : "SEESTACK_API_KEY";
		String reason = unresolved
				? "seestack.require-api-key is true, and seestack.api-key refers to "
						+ String.join(", ", placeholders.stream().map((name) -> "${" + name + "}").toList())
						+ ", which nothing resolves: there is no environment variable or property " + variables + "."
				: "seestack.require-api-key is true, and seestack.api-key is not set (or is blank).";
		String action = (unresolved ? "Set the environment variable " + variables
				+ " to the API key from your SeeStack project settings where the application runs."
				: "Set seestack.api-key to the API key from your SeeStack project settings, from the environment: "
						+ "seestack.api-key=${SEESTACK_API_KEY} with the variable SEESTACK_API_KEY set where the "
						+ "application runs.")
				+ " Or set seestack.require-api-key to false to start without a key, in local mode.";
		return new InvalidSeeStackConfigurationException("apiKey", "seestack.api-key",
				"Missing SeeStack API key: property 'seestack.api-key' "
						+ (unresolved ? "has an unresolved placeholder." : "is not set."),
				reason, action);
	}

	/**
	 * Names the property behind the option that made {@link SeeStackOptions.Builder#build()} fail with
	 * {@code cause}, or blames the customizers when the refused value is not the one the property gave: a customizer
	 * replaced it, so changing the property would not help.
	 */
	static InvalidSeeStackConfigurationException diagnose(SeeStackProperties properties,
			SeeStackConfigurationException cause) {
		String option = cause.option();
		OptionProperty mapping = OptionProperty.forOption(option);
		if (mapping == null || !isPropertyValue(cause.value(), mapping.valueIn(properties))) {
			return new InvalidSeeStackConfigurationException(option, null,
					"Check the SeeStackOptionsCustomizer beans of the application: one of them sets the option '"
							+ option + "' to the refused value"
							+ ((mapping != null) ? ", replacing " + mapping.property + "." : "."),
					cause);
		}
		return new InvalidSeeStackConfigurationException(option, mapping.property, action(mapping, cause), cause);
	}

	private static String action(OptionProperty mapping, SeeStackConfigurationException cause) {
		return switch (mapping) {
			case API_KEY -> "Set seestack.api-key to the API key from your SeeStack project settings, or remove it "
					+ "to run in local mode.";
			case HOST -> ("environment".equals(cause.relatedOption()))
					? "Use an https URL for seestack.host: plain http is refused when the environment "
							+ "(seestack.environment) is 'production', except for a loopback address."
					: "Set seestack.host to the URL of your SeeStack ingest host, such as "
							+ SeeStackOptions.DEFAULT_HOST + " (http or https, a host name, an optional port, no "
							+ "query), or remove it to use " + SeeStackOptions.DEFAULT_HOST + ".";
			case PROJECT_ID -> "Set seestack.project-id to the project ID from your SeeStack project settings, a UUID "
					+ "such as 123e4567-e89b-12d3-a456-426614174000, or remove it to turn HTTP request monitoring off.";
			case FLUSH_INTERVAL -> "Set seestack.flush-interval to a positive duration, such as 5s (the default).";
			case BUFFER_SIZE -> "Set seestack.buffer-size to 1 or more (the default is "
					+ SeeStackOptions.DEFAULT_BUFFER_SIZE + ").";
			case IDENTICAL_ERRORS_PER_SECOND -> "Set seestack.identical-errors-per-second to 0 (no limit) or more "
					+ "(the default is " + SeeStackOptions.DEFAULT_IDENTICAL_ERRORS_PER_SECOND + ").";
			default -> "Set " + mapping.property + " to a value that the reason above allows.";
		};
	}

	/**
	 * Whether the refused value is the one the property gave. The core may strip a value and masks the user info of
	 * a URL, so both sides are compared stripped and without user info; the property's value itself is never shown.
	 */
	private static boolean isPropertyValue(@Nullable String refused, @Nullable Object fromProperty) {
		if (refused == null || fromProperty == null) {
			return refused == null && fromProperty == null;
		}
		return withoutUserInfo(refused).equals(withoutUserInfo(fromProperty.toString()));
	}

	private static String withoutUserInfo(String value) {
		return value.strip().replaceAll("//[^/@]*@", "//");
	}

	/** The core option at fault, named as its {@link SeeStackOptions.Builder} method, such as {@code host}. */
	String getOption() {
		return this.option;
	}

	/** The property at fault, such as {@code seestack.host}, or null when a customizer was at fault. */
	@Nullable String getProperty() {
		return this.property;
	}

	/** The refused value, with any user info of a URL masked, or null for the API key. */
	@Nullable String getValue() {
		return this.value;
	}

	/** What to do about it. */
	String getAction() {
		return this.action;
	}

	/** The first line of the failure analysis, when it is not the usual one about an invalid value. */
	@Nullable String getDescription() {
		return this.description;
	}

	/**
	 * The property that sets each option of {@link SeeStackOptions.Builder}, by the option's name as
	 * {@link SeeStackConfigurationException#option()} reports it, with the value the property gives it. The release,
	 * service name and outbox fall back to other values (the build version, the application name, a temporary
	 * file) that are not compared; the core checks none of them.
	 */
	enum OptionProperty {

		API_KEY("apiKey", "seestack.api-key", SeeStackProperties::getApiKey),

		HOST("host", "seestack.host", SeeStackClientFactory::host),

		PROJECT_ID("projectId", "seestack.project-id", SeeStackProperties::getProjectId),

		ENVIRONMENT("environment", "seestack.environment", SeeStackProperties::getEnvironment),

		RELEASE("release", "seestack.release", SeeStackProperties::getRelease),

		SERVICE_NAME("serviceName", "seestack.service-name", SeeStackProperties::getServiceName),

		FLUSH_INTERVAL("flushInterval", "seestack.flush-interval", SeeStackProperties::getFlushInterval),

		BUFFER_SIZE("bufferSize", "seestack.buffer-size", SeeStackProperties::getBufferSize),

		MEMORY_LIMIT("memoryLimit", "seestack.memory-limit", (properties) -> properties.getMemoryLimit().toBytes()),

		IDENTICAL_ERRORS_PER_SECOND("identicalErrorsPerSecond", "seestack.identical-errors-per-second",
				SeeStackProperties::getIdenticalErrorsPerSecond),

		DEBUG("debug", "seestack.debug", SeeStackProperties::isDebug),

		CAPTURE_UNCAUGHT_EXCEPTIONS("captureUncaughtExceptions", "seestack.capture-uncaught-exceptions",
				SeeStackProperties::isCaptureUncaughtExceptions),

		SPOOL("spool", "seestack.spool.directory", (properties) -> properties.getSpool().getDirectory()),

		LOCAL("local", "seestack.local.outbox", (properties) -> properties.getLocal().getOutbox());

		final String option;

		final String property;

		private final Function<SeeStackProperties, @Nullable Object> value;

		OptionProperty(String option, String property, Function<SeeStackProperties, @Nullable Object> value) {
			this.option = option;
			this.property = property;
			this.value = value;
		}

		static @Nullable OptionProperty forOption(String option) {
			return Arrays.stream(values())
				.filter((candidate) -> candidate.option.equals(option))
				.findFirst()
				.orElse(null);
		}

		@Nullable Object valueIn(SeeStackProperties properties) {
			return this.value.apply(properties);
		}

	}

}
