package io.seestack.spring.autoconfigure.signin;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.PlainPasswords;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import io.seestack.testsupport.ReceivedRequest;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real Spring Security on real Tomcat, with form login, HTTP Basic and a JWT resource server in one filter chain,
 * reporting to a loopback ingest server that checks every body against the ingest API's schemas. Each test signs in
 * from its own client IP (in {@code X-Forwarded-For}, from a trusted loopback proxy), so that the brute-force
 * counts of one do not reach another.
 */
@SpringBootTest(classes = SignInIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY, "seestack.flush-interval=100ms",
				"seestack.trusted-proxies=127.0.0.1", "seestack.user.ip=full" })
@ExtendWith(OutputCaptureExtension.class)
// Closed after the class: a cached context would keep its client in the static facade for the tests after it.
@DirtiesContext
class SignInIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

	private static final KeyPair keys = rsaKeys();

	/** Alice's password, and the wrong one typed: neither may appear in any payload or log line. */
	private static final String ALICE_PASSWORD = "alice-Corr3ct-Horse-77";

	private static final String WRONG_PASSWORD = "Tr0ub4dor-and-3-wrong";

	private static final String USER_AGENT = "SignInTests/1.0";

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	@Autowired
	private MeterRegistry meters;

	private TestHttp http;

	private String forgedToken;

	@DynamicPropertySource
	static void ingestHost(DynamicPropertyRegistry registry) {
		registry.add("seestack.host", ingest::url);
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void setUp() {
		this.http = new TestHttp(this.port);
		Payloads.flush(this.client);
		ingest.reset();
	}

	@AfterEach
	void neverSendsNorLogsACredential(CapturedOutput output) {
		Payloads.flush(this.client);
		List<String> bodies = ingest.received().stream().map(ReceivedRequest::body).toList();
		for (String secret : secrets()) {
			assertThat(bodies).as("payloads").noneMatch((body) -> body.contains(secret));
			assertThat(output.getAll()).as("log lines").doesNotContain(secret);
		}
	}

	private List<String> secrets() {
		return (this.forgedToken != null) ? List.of(ALICE_PASSWORD, WRONG_PASSWORD, this.forgedToken)
				: List.of(ALICE_PASSWORD, WRONG_PASSWORD);
	}

	@Test
	void aFailedAndASuccessfulFormLoginAreSentWithTheSameAnonymizedLogin() {
		String ip = "198.51.100.1";
		double successesBefore = counter("success", "none").count();
		assertThat(this.http.postForm("/login", "username=alice&password=" + WRONG_PASSWORD, headers(ip)).statusCode())
			.isEqualTo(302);
		assertThat(this.http.postForm("/login", "username=alice&password=" + ALICE_PASSWORD, headers(ip)).statusCode())
			.isEqualTo(302);
		List<JsonNode> events = awaitSignIns(ip, 2);
		JsonNode failed = only(events, "Sign-in failed");
		assertThat(text(failed, "level")).isEqualTo("info");
		assertThat(text(failed, "metadata", "signIn", "outcome")).isEqualTo("failure");
		assertThat(text(failed, "metadata", "signIn", "method")).isEqualTo("form");
		assertThat(text(failed, "metadata", "signIn", "reason")).isEqualTo("bad_credentials");
		assertThat(text(failed, "metadata", "signIn", "exception"))
			.isEqualTo("org.springframework.security.authentication.BadCredentialsException");
		assertThat(failed.get("metadata").get("signIn").has("accountExists")).as("Spring hides user-not-found")
			.isFalse();
		assertThat(text(failed, "metadata", "signIn", "userAgent")).isEqualTo(USER_AGENT);
		assertThat(text(failed, "metadata", "signIn", "login")).matches("anon_[0-9a-f]{32}");
		assertThat(failed.get("metadata").has("userId")).isFalse();
		JsonNode succeeded = only(events, "Sign-in succeeded");
		assertThat(text(succeeded, "level")).isEqualTo("info");
		assertThat(text(succeeded, "metadata", "signIn", "outcome")).isEqualTo("success");
		assertThat(text(succeeded, "metadata", "signIn", "method")).isEqualTo("form");
		assertThat(text(succeeded, "metadata", "signIn", "login"))
			.isEqualTo(text(failed, "metadata", "signIn", "login"));
		assertThat(text(succeeded, "metadata", "userId")).as("the user signed in, as on every event").isEqualTo("alice");
		assertThat(succeeded.get("metadata").get("labels").get(0).asString()).isEqualTo("sign-in");
		assertThat(counter("success", "none")).isNotNull()
			.extracting(Counter::count)
			.isEqualTo(successesBefore + 1);
	}

	@Test
	void aFailedHttpBasicSignInIsSent() {
		String ip = "198.51.100.2";
		assertThat(this.http.get("/hello", with(headers(ip), "Authorization", basic("mallory", WRONG_PASSWORD)))
			.statusCode()).isEqualTo(401);
		JsonNode failed = only(awaitSignIns(ip, 1), "Sign-in failed");
		assertThat(text(failed, "metadata", "signIn", "method")).isEqualTo("basic");
		assertThat(text(failed, "metadata", "signIn", "reason")).isEqualTo("bad_credentials");
		assertThat(text(failed, "metadata", "signIn", "login")).matches("anon_[0-9a-f]{32}");
	}

	@Test
	void aBadBearerTokenIsSentWithoutTheTokenAndAMalformedOneIsNotPublishedBySpringSecurity() {
		String ip = "198.51.100.3";
		this.forgedToken = token(rsaKeys());
		assertThat(this.http.get("/hello", with(headers(ip), "Authorization", "Bearer " + this.forgedToken))
			.statusCode()).isEqualTo(401);
		JsonNode failed = only(awaitSignIns(ip, 1), "Sign-in failed");
		assertThat(text(failed, "metadata", "signIn", "method")).isEqualTo("bearer");
		assertThat(text(failed, "metadata", "signIn", "reason")).isEqualTo("invalid_token");
		assertThat(failed.get("metadata").get("signIn").has("login")).as("a token is no login").isFalse();
		String other = "198.51.100.4";
		assertThat(this.http.get("/hello", with(headers(other), "Authorization", "Bearer not a token!")).statusCode())
			.isEqualTo(401);
		Payloads.flush(this.client);
		assertThat(signIns(other)).as("Spring Security rejects it before authentication, with no event").isEmpty();
	}

	@Test
	void aHundredFailuresFromOneIpInASecondSendOneBruteForceEventAndTheMetersCountEveryOne() {
		String ip = "203.0.113.66";
		double failuresBefore = failures();
		for (int i = 0; i < 100; i++) {
			assertThat(this.http.get("/hello", with(headers(ip), "Authorization", basic("guess-" + i, WRONG_PASSWORD)))
				.statusCode()).isEqualTo(401);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			Payloads.flush(this.client);
			return signIns(ip).stream().anyMatch((event) -> text(event, "message").startsWith("Possible brute force"));
		});
		List<JsonNode> events = signIns(ip);
		assertThat(events).filteredOn((event) -> "Sign-in failed".equals(text(event, "message")))
			.as("one event per failure until the threshold").hasSize(9);
		JsonNode alert = only(events, "Possible brute force: 10 failed sign-ins from one client IP within 60 s");
		assertThat(text(alert, "level")).isEqualTo("warn");
		JsonNode bruteForce = alert.get("metadata").get("signIn").get("bruteForce");
		assertThat(bruteForce).hasSize(1);
		assertThat(bruteForce.get(0).get("by").asString()).isEqualTo("ip");
		assertThat(bruteForce.get(0).get("ip").asString()).isEqualTo(ip);
		assertThat(events).hasSize(10);
		assertThat(failures() - failuresBefore).isEqualTo(100);
	}

	private List<JsonNode> awaitSignIns(String ip, int count) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			Payloads.flush(this.client);
			return signIns(ip).size() >= count;
		});
		List<JsonNode> events = signIns(ip);
		assertThat(events).hasSize(count);
		return events;
	}

	/** The sign-in events sent from the client IP. */
	private static List<JsonNode> signIns(String ip) {
		Predicate<JsonNode> fromIp = (log) -> ip.equals(text(log, "metadata", "signIn", "clientIp"));
		return ingest.bodies(Payloads.LOGS).stream().filter((log) -> log.get("metadata").has("signIn"))
			.filter(fromIp).toList();
	}

	private static JsonNode only(List<JsonNode> events, String message) {
		List<JsonNode> matching = events.stream().filter((event) -> message.equals(text(event, "message"))).toList();
		assertThat(matching).as("events '%s'", message).hasSize(1);
		return matching.get(0);
	}

	private double failures() {
		return this.meters.find(SeeStackSignInMeters.NAME).tag("outcome", "failure").counters().stream()
			.mapToDouble(Counter::count).sum();
	}

	private Counter counter(String outcome, String reason) {
		return this.meters.find(SeeStackSignInMeters.NAME).tag("outcome", outcome).tag("reason", reason).counter();
	}

	private static String[] headers(String ip) {
		return new String[] { "X-Forwarded-For", ip, "User-Agent", USER_AGENT };
	}

	private static String[] with(String[] headers, String name, String value) {
		String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
		all[headers.length] = name;
		all[headers.length + 1] = value;
		return all;
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String token(KeyPair signingKeys) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-1")
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) signingKeys.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static KeyPair rsaKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TestEndpoints.class)
	static class App {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.authenticated())
				.formLogin(Customizer.withDefaults())
				.httpBasic(Customizer.withDefaults())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(User.withUsername("alice").password(ALICE_PASSWORD).roles("USER").build());
		}

		@Bean
		PlainPasswords passwordEncoder() {
			return new PlainPasswords();
		}

		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
