package io.seestack.benchmarks.starter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.seestack.benchmarks.delivery.BlockingTransport;
import io.seestack.benchmarks.delivery.DiscardingTransport;
import io.seestack.spring.autoconfigure.SeeStackOptionsCustomizer;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The benchmark application: Spring MVC and Spring Security (HTTP Basic, stateless, a few in-memory users with
 * {@code {noop}} passwords that stay {@code {noop}}, so that password hashing does not drown what is measured) and
 * three endpoints, every
 * one authenticated:
 * <ul>
 * <li>{@code GET /hello}: a small string;</li>
 * <li>{@code GET /boom}: throws a {@link BoomException} that nothing handles (a 500);</li>
 * <li>{@code GET /unavailable}: throws an {@link UnavailableException} that an {@code @RestControllerAdvice} turns
 * into a 503.</li>
 * </ul>
 * Each endpoint throws its own exception class, so that an ingest sink can tell by a substring of what it receives
 * which endpoint an error came from, whichever SDK sent it ({@code load/storm.sh}, the
 * {@link io.seestack.benchmarks.storm.CountingSink}).
 * SeeStack is configured by {@link #DEFAULTS} (a loopback ingest sink, an API key and a project id, so that capture
 * and HTTP monitoring really run); {@code --seestack.enabled=false} switches the starter off.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BenchApplication {

	/** The users, each with the password {@code <name>-password}. */
	public static final List<String> USERS = List.of("ada", "grace", "alan", "barbara", "edsger");

	/** Where SeeStack sends by default: nginx from {@code load/run.sh}, or a {@link LoopbackSink}. */
	public static final String DEFAULT_SINK = "http://127.0.0.1:18080";

	/** Default properties; the command line and the environment override them. */
	public static final Map<String, Object> DEFAULTS = defaults();

	public static void main(String[] args) {
		start(args);
	}

	/** Starts the application with {@link #DEFAULTS} under the given command-line arguments. */
	public static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(BenchApplication.class).properties(DEFAULTS).run(args);
	}

	/**
	 * Starts the application with the given arguments and more properties, as a benchmark's {@code properties}
	 * parameter gives them: {@code name=value}, separated by {@code ;}.
	 */
	static ConfigurableApplicationContext start(List<String> args, String properties) {
		List<String> all = new ArrayList<>(args);
		for (String property : properties.split(";")) {
			if (!property.isBlank()) {
				all.add("--" + property.strip());
			}
		}
		return start(all.toArray(String[]::new));
	}

	/** The password of a user, sent in clear over HTTP Basic. */
	public static String password(String user) {
		return user + "-password";
	}

	private static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.application.name", "seestack-bench");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("server.address", "127.0.0.1");
		defaults.put("server.port", "8080");
		defaults.put("seestack.host", DEFAULT_SINK);
		defaults.put("seestack.api-key", "benchmark-api-key");
		defaults.put("seestack.project-id", "a1b2c3d4-e5f6-7890-abcd-ef1234567890");
		defaults.put("seestack.environment", "benchmark");
		return Map.copyOf(defaults);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.anyRequest()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * The users, behind a plain {@link UserDetailsService}: an {@link InMemoryUserDetailsManager} bean is also a
	 * {@code UserDetailsPasswordService}, and Spring Security would then upgrade each {@code {noop}} password to
	 * BCrypt at its first login, after which every request spends tens of milliseconds hashing.
	 */
	@Bean
	UserDetailsService users() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				USERS.stream().map(BenchApplication::user).toList());
		return users::loadUserByUsername;
	}

	private static UserDetails user(String name) {
		return User.withUsername(name).password("{noop}" + password(name)).roles("USER").build();
	}

	/**
	 * With {@code bench.transport=discard}, SeeStack builds every payload but answers each send itself with
	 * {@code 202}, without a socket: what the starter costs apart from the HTTP client (and any sink in the same
	 * machine).
	 */
	@Bean
	@ConditionalOnProperty(name = "bench.transport", havingValue = "discard")
	SeeStackOptionsCustomizer discardingTransport() {
		return (options) -> options.transport(new DiscardingTransport());
	}

	/**
	 * With {@code bench.transport=blocking}: the experiment of {@link BlockingTransport}, each POST made on
	 * SeeStack's delivery thread; see seestack-benchmarks/README.md.
	 */
	@Bean
	@ConditionalOnProperty(name = "bench.transport", havingValue = "blocking")
	SeeStackOptionsCustomizer blockingTransport() {
		return (options) -> options.transport(new BlockingTransport(options.build()));
	}

	@RestController
	static class Endpoints {

		private final int boomDepth;

		/**
		 * {@code bench.boom-depth}: how many calls of the application's own code {@code /boom} goes down before it
		 * throws. Through Tomcat, Spring Security and Spring MVC the exception has about 104 frames; the default of
		 * 26 more, standing for a real application's services, repositories and proxies, makes it about 130.
		 */
		Endpoints(@Value("${bench.boom-depth:26}") int boomDepth) {
			this.boomDepth = boomDepth;
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/boom")
		String boom() {
			return descend(this.boomDepth);
		}

		private static String descend(int depth) {
			if (depth <= 1) {
				throw new BoomException("boom: nothing handles this");
			}
			return descend(depth - 1) + depth;
		}

		@GetMapping("/unavailable")
		String unavailable() {
			throw new UnavailableException("the inventory service is down");
		}

	}

	@RestControllerAdvice
	static class Advice {

		@ExceptionHandler(UnavailableException.class)
		ResponseEntity<String> unavailable(UnavailableException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("unavailable");
		}

	}

	/** What {@code /boom} throws and nothing handles: a 500. */
	public static class BoomException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		BoomException(String message) {
			super(message);
		}

	}

	/** What {@code /unavailable} throws and the advice turns into a 503. */
	public static class UnavailableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnavailableException(String message) {
			super(message);
		}

	}

}
