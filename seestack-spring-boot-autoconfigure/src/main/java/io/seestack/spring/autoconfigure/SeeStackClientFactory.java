package io.seestack.spring.autoconfigure;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.seestack.DeliveryListener;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackConfigurationException;
import io.seestack.SeeStackOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Maps {@link SeeStackProperties} onto {@link SeeStackOptions} and creates the client: remote with an API key, else
 * local (or the no-op client when local mode is disabled), saying so in one log line; without an API key and with
 * {@code seestack.require-api-key}, startup fails instead. Never logs the API key.
 */
final class SeeStackClientFactory {

	private static final Log logger = LogFactory.getLog(SeeStackAutoConfiguration.class);

	private final SeeStackProperties properties;

	private final @Nullable String defaultRelease;

	private final @Nullable String applicationName;

	/**
	 * @param defaultRelease the release when {@code seestack.release} is not set (the build version)
	 * @param applicationName {@code spring.application.name}: the default service name, and part of the default
	 * outbox file's name
	 */
	SeeStackClientFactory(SeeStackProperties properties, @Nullable String defaultRelease,
			@Nullable String applicationName) {
		this.properties = properties;
		this.defaultRelease = defaultRelease;
		this.applicationName = applicationName;
	}

	/**
	 * Creates the client.
	 * @throws InvalidSeeStackConfigurationException if the options are invalid, or the API key is missing while
	 * {@code seestack.require-api-key} is true
	 */
	SeeStackClient create(DeliveryListener listener, Stream<SeeStackOptionsCustomizer> customizers) {
		if (!StringUtils.hasText(this.properties.getApiKey())) {
			if (this.properties.isRequireApiKey()) {
				throw InvalidSeeStackConfigurationException
					.missingApiKey(this.properties.ignoredPlaceholders().get(UnresolvedPlaceholders.API_KEY));
			}
			if (!this.properties.getLocal().isEnabled()) {
				logger.warn("SeeStack is off: seestack.api-key is not set and seestack.local.enabled is false. "
						+ "Set seestack.api-key to the API key from your SeeStack project settings to send events.");
				return SeeStackClient.noop();
			}
			Path outbox = outbox();
			SeeStackOptions options = options((builder) -> builder.local(outbox), listener, customizers);
			logger.warn(localModeMessage(options));
			return SeeStackClient.create(options);
		}
		SeeStackOptions options = options((builder) -> spool(builder.apiKey(this.properties.getApiKey())), listener,
				customizers);
		if (options.projectId() == null && this.properties.getHttp().isEnabled()) {
			logger.info("SeeStack HTTP request monitoring is off: seestack.project-id is not set. "
					+ "Set it to the project ID from your SeeStack project settings to monitor requests.");
		}
		return SeeStackClient.create(options);
	}

	private SeeStackOptions options(UnaryOperator<SeeStackOptions.Builder> destination, DeliveryListener listener,
			Stream<SeeStackOptionsCustomizer> customizers) {
		SeeStackOptions.Builder builder = destination.apply(SeeStackOptions.builder())
			.host(host(this.properties))
			.projectId(this.properties.getProjectId())
			.environment(this.properties.getEnvironment())
			.release(orElse(this.properties.getRelease(), this.defaultRelease))
			.serviceName(orElse(this.properties.getServiceName(), this.applicationName))
			.flushInterval(this.properties.getFlushInterval())
			.bufferSize(this.properties.getBufferSize())
			.memoryLimit(this.properties.getMemoryLimit().toBytes())
			.identicalErrorsPerSecond(this.properties.getIdenticalErrorsPerSecond())
			.debug(this.properties.isDebug())
			.captureUncaughtExceptions(this.properties.isCaptureUncaughtExceptions())
			// The application context closes the client (a bean with a close method), after everything that could
			// still capture; a JVM hook of its own could close it before the context is done.
			.shutdownHook(false)
			.deliveryListener(listener);
		customizers.forEach((customizer) -> customizer.customize(builder));
		try {
			return builder.build();
		}
		catch (SeeStackConfigurationException ex) {
			throw InvalidSeeStackConfigurationException.diagnose(this.properties, ex);
		}
	}

	/**
	 * The outbox file of local mode, absolute: {@code seestack.local.outbox}, else
	 * {@code ${user.home}/.seestack/<application name>-outbox.jsonl}: the user's own, where no other local user can
	 * read it or plant a link or a directory in its way, as a shared temporary directory would allow.
	 */
	Path outbox() {
		Path configured = this.properties.getLocal().getOutbox();
		if (configured != null && StringUtils.hasText(configured.toString())) {
			return configured.toAbsolutePath();
		}
		return defaultOutbox(this.applicationName);
	}

	private SeeStackOptions.Builder spool(SeeStackOptions.Builder builder) {
		SeeStackProperties.Spool spool = this.properties.getSpool();
		if (!spool.isEnabled()) {
			return builder;
		}
		Path directory = spool.getDirectory();
		if (directory == null || !StringUtils.hasText(directory.toString())) {
			String host = host(this.properties);
			directory = defaultSpool(this.applicationName, (host != null) ? host : SeeStackOptions.DEFAULT_HOST);
		}
		return builder.spool(directory.toAbsolutePath(), spool.getMaxSize().toBytes(), spool.getMaxAge());
	}

	/** One per application and backend: a spool must never deliver to a backend it was not meant for. */
	static Path defaultSpool(@Nullable String applicationName, String host) {
		String backend = host.replaceFirst("^https?://", "").replaceAll("[^A-Za-z0-9._-]", "_");
		return Path.of(System.getProperty("user.home"), ".seestack", "spool",
				fileNamePart(applicationName) + "@" + backend);
	}

	private static String fileNamePart(@Nullable String applicationName) {
		String name = StringUtils.hasText(applicationName) ? applicationName.strip() : "application";
		return name.replaceAll("[^A-Za-z0-9._-]", "-");
	}

	static Path defaultOutbox(@Nullable String applicationName) {
		String fileName = fileNamePart(applicationName) + "-outbox.jsonl";
		return Path.of(System.getProperty("user.home"), ".seestack", fileName).toAbsolutePath();
	}

	private String localModeMessage(SeeStackOptions options) {
		Path outbox = options.outbox();
		StringBuilder message = new StringBuilder("SeeStack runs in local mode because seestack.api-key is not set: ")
			.append("nothing is sent; each payload is kept in memory")
			.append((outbox != null) ? " and appended to " + outbox.toAbsolutePath() : " only")
			.append(", and /actuator/seestack shows the recent ones when Actuator exposes the 'seestack' endpoint.");
		if (options.projectId() == null && this.properties.getHttp().isEnabled()) {
			message.append(" HTTP request items need seestack.project-id.");
		}
		return message.append(" Set seestack.api-key to send to SeeStack.").toString();
	}

	/** The configured host; a blank one means the default. */
	static @Nullable String host(SeeStackProperties properties) {
		return StringUtils.hasText(properties.getHost()) ? properties.getHost() : null;
	}

	private static @Nullable String orElse(@Nullable String value, @Nullable String fallback) {
		return StringUtils.hasText(value) ? value : fallback;
	}

}
