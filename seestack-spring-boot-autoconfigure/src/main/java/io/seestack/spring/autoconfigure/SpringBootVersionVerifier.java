package io.seestack.spring.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Stops the application at once, with a {@linkplain UnsupportedSpringBootVersionFailureAnalyzer failure analysis},
 * when it runs a Spring Boot line that this version of SeeStack was not built and tested for: on another line the
 * starter's auto-configurations would fail later, with a missing class or method, or half work. Runs when the
 * environment is ready, before any bean or auto-configuration, right after logging is set up, so the analysis is
 * logged. {@code seestack.compatibility-verifier.enabled=false} lets the application start anyway (to try a newer
 * Boot line before SeeStack supports it). A Boot version that cannot be read (a repackaged jar without its
 * manifest) is let through. Registered in {@code META-INF/spring.factories}.
 */
public class SpringBootVersionVerifier implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The Spring Boot lines this version of SeeStack supports, as {@code major.minor}. */
	public static final List<String> SUPPORTED_LINES = List.of("3.5", "4.0", "4.1");

	static final String ENABLED_PROPERTY = "seestack.compatibility-verifier.enabled";

	private final Supplier<@Nullable String> bootVersion;

	public SpringBootVersionVerifier() {
		this(SpringBootVersion::getVersion);
	}

	SpringBootVersionVerifier(Supplier<@Nullable String> bootVersion) {
		this.bootVersion = bootVersion;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (event.getEnvironment().getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			verify(this.bootVersion.get());
		}
	}

	static void verify(@Nullable String version) {
		if (version != null && !SUPPORTED_LINES.contains(line(version))) {
			throw new UnsupportedSpringBootVersionException(version, SUPPORTED_LINES);
		}
	}

	private static String line(String version) {
		String[] parts = version.split("\\.", 3);
		return (parts.length >= 2) ? parts[0] + "." + parts[1] : version;
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
