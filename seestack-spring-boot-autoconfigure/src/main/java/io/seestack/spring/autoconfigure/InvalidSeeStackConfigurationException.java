package io.seestack.spring.autoconfigure;

import java.util.function.UnaryOperator;

import io.seestack.SeeStackOptions;
import org.jspecify.annotations.Nullable;

/**
 * The {@code seestack.*} properties, or a {@link SeeStackOptionsCustomizer}, produced options that the core
 * refused. Names the property at fault, found by building options from that property alone, so the core's rules
 * are applied rather than repeated. Turned into a failure analysis by
 * {@link InvalidSeeStackConfigurationFailureAnalyzer}. Credentials in a URL ({@code https://user:password@...}) are
 * masked in its message and value.
 */
final class InvalidSeeStackConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String property;

	private final @Nullable String value;

	private final String action;

	private InvalidSeeStackConfigurationException(@Nullable String property, @Nullable Object value, String action,
			IllegalArgumentException cause) {
		super(maskUserInfo(String.valueOf(cause.getMessage())), cause);
		this.property = property;
		this.value = (value != null) ? maskUserInfo(value.toString()) : null;
		this.action = action;
	}

	/** Finds which property made {@link SeeStackOptions.Builder#build()} fail with {@code cause}. */
	static InvalidSeeStackConfigurationException diagnose(SeeStackProperties properties,
			IllegalArgumentException cause) {
		String host = SeeStackClientFactory.host(properties);
		if (refused((builder) -> builder.host(host))) {
			return new InvalidSeeStackConfigurationException("seestack.host", host,
					"Set seestack.host to the URL of your SeeStack ingest host, such as "
							+ SeeStackOptions.DEFAULT_HOST + " (http or https, a host name, an optional port, no "
							+ "query), or remove it to use " + SeeStackOptions.DEFAULT_HOST + ".",
					cause);
		}
		if (refused((builder) -> builder.host(host).environment(properties.getEnvironment()))) {
			return new InvalidSeeStackConfigurationException("seestack.host", host,
					"Use an https URL for seestack.host: plain http is refused when seestack.environment is '"
							+ properties.getEnvironment() + "', except for a loopback address.",
					cause);
		}
		if (refused((builder) -> builder.projectId(properties.getProjectId()))) {
			return new InvalidSeeStackConfigurationException("seestack.project-id", properties.getProjectId(),
					"Set seestack.project-id to the project ID from your SeeStack project settings, a UUID such as "
							+ "123e4567-e89b-12d3-a456-426614174000, or remove it to turn HTTP request monitoring off.",
					cause);
		}
		if (refused((builder) -> builder.flushInterval(properties.getFlushInterval()))) {
			return new InvalidSeeStackConfigurationException("seestack.flush-interval",
					properties.getFlushInterval(),
					"Set seestack.flush-interval to a positive duration, such as 5s (the default).", cause);
		}
		if (refused((builder) -> builder.bufferSize(properties.getBufferSize()))) {
			return new InvalidSeeStackConfigurationException("seestack.buffer-size", properties.getBufferSize(),
					"Set seestack.buffer-size to 1 or more (the default is " + SeeStackOptions.DEFAULT_BUFFER_SIZE
							+ ").",
					cause);
		}
		if (refused((builder) -> builder.identicalErrorsPerSecond(properties.getIdenticalErrorsPerSecond()))) {
			return new InvalidSeeStackConfigurationException("seestack.identical-errors-per-second",
					properties.getIdenticalErrorsPerSecond(),
					"Set seestack.identical-errors-per-second to 0 (no limit) or more (the default is "
							+ SeeStackOptions.DEFAULT_IDENTICAL_ERRORS_PER_SECOND + ").",
					cause);
		}
		return new InvalidSeeStackConfigurationException(null, null,
				"Check the SeeStackOptionsCustomizer beans of the application: the seestack.* properties alone "
						+ "are valid.",
				cause);
	}

	/** The property at fault, such as {@code seestack.host}, or null when a customizer was at fault. */
	@Nullable String getProperty() {
		return this.property;
	}

	/** The value of the property at fault, with any user info of a URL masked. */
	@Nullable String getValue() {
		return this.value;
	}

	/** What to do about it. */
	String getAction() {
		return this.action;
	}

	private static boolean refused(UnaryOperator<SeeStackOptions.Builder> property) {
		try {
			property.apply(SeeStackOptions.builder().apiKey("probe")).build();
			return false;
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

	private static String maskUserInfo(String value) {
		return value.replaceAll("(?<=://)[^/@\\s']*@", "******@");
	}

}
