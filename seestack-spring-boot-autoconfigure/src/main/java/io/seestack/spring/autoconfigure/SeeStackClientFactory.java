package io.seestack.spring.autoconfigure;

import java.util.stream.Stream;

import io.seestack.DeliveryListener;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Maps {@link SeeStackProperties} onto {@link SeeStackOptions} and creates the client, or the no-op client, with
 * one log line, when no API key is set. Never logs the API key.
 */
final class SeeStackClientFactory {

	private static final Log logger = LogFactory.getLog(SeeStackAutoConfiguration.class);

	private final SeeStackProperties properties;

	private final @Nullable String defaultRelease;

	private final @Nullable String defaultServiceName;

	SeeStackClientFactory(SeeStackProperties properties, @Nullable String defaultRelease,
			@Nullable String defaultServiceName) {
		this.properties = properties;
		this.defaultRelease = defaultRelease;
		this.defaultServiceName = defaultServiceName;
	}

	/**
	 * Creates the client.
	 * @throws InvalidSeeStackConfigurationException if the options are invalid
	 */
	SeeStackClient create(DeliveryListener listener, Stream<SeeStackOptionsCustomizer> customizers) {
		if (!StringUtils.hasText(this.properties.getApiKey())) {
			logger.warn("SeeStack is not sending events: seestack.api-key is not set. "
					+ "Set it to the API key from your SeeStack project settings.");
			return SeeStackClient.noop();
		}
		SeeStackOptions options = options(listener, customizers);
		if (options.projectId() == null && this.properties.getHttp().isEnabled()) {
			logger.info("SeeStack HTTP request monitoring is off: seestack.project-id is not set. "
					+ "Set it to the project ID from your SeeStack project settings to monitor requests.");
		}
		return SeeStackClient.create(options);
	}

	SeeStackOptions options(DeliveryListener listener, Stream<SeeStackOptionsCustomizer> customizers) {
		SeeStackOptions.Builder builder = SeeStackOptions.builder()
			.apiKey(this.properties.getApiKey())
			.host(host(this.properties))
			.projectId(this.properties.getProjectId())
			.environment(this.properties.getEnvironment())
			.release(orElse(this.properties.getRelease(), this.defaultRelease))
			.serviceName(orElse(this.properties.getServiceName(), this.defaultServiceName))
			.flushInterval(this.properties.getFlushInterval())
			.bufferSize(this.properties.getBufferSize())
			.debug(this.properties.isDebug())
			.deliveryListener(listener);
		customizers.forEach((customizer) -> customizer.customize(builder));
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw InvalidSeeStackConfigurationException.diagnose(this.properties, ex);
		}
	}

	/** The configured host; a blank one means the default. */
	static @Nullable String host(SeeStackProperties properties) {
		return StringUtils.hasText(properties.getHost()) ? properties.getHost() : null;
	}

	private static @Nullable String orElse(@Nullable String value, @Nullable String fallback) {
		return StringUtils.hasText(value) ? value : fallback;
	}

}
