package io.seestack.spring.autoconfigure.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.awaitHttpItems;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.errors;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JWT resource server, its tokens signed in the test with a generated RSA key: the user comes from the token's
 * claims, with a configured id claim.
 */
@SpringBootTest(classes = JwtResourceServerIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.send-default-pii=true", "seestack.user.id-claim=uid" })
class JwtResourceServerIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

	private static final KeyPair keys = rsaKeys();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	private TestHttp http;

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

	@Test
	void takesTheUserFromTheTokensClaims() {
		String token = token(keys, "auth0|5f7c", "u-1001", "jane@example.com", "jane");
		assertThat(this.http.get("/hello", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/boom", "Authorization", "Bearer " + token).statusCode()).isEqualTo(500);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 2);
		assertThat(items).allSatisfy((item) -> assertThat(text(item, "userId")).isEqualTo("u-1001"));
		List<JsonNode> errors = errors(ingest);
		assertThat(errors).hasSize(1);
		JsonNode error = errors.get(0);
		assertThat(text(error, "user", "id")).isEqualTo("u-1001");
		assertThat(text(error, "user", "email")).isEqualTo("jane@example.com");
		assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1");
		assertThat(text(error, "metadata", "seestack.user", "username")).isEqualTo("jane");
	}

	@Test
	void keepsRequestsOfDifferentTokensApart() {
		String jane = token(keys, "s-1", "u-1", null, "jane");
		String joe = token(keys, "s-2", "u-2", null, "joe");
		this.http.get("/boom", "Authorization", "Bearer " + jane);
		this.http.get("/boom", "Authorization", "Bearer " + joe);
		this.http.get("/async/hello", "Authorization", "Bearer " + jane);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 3);
		assertThat(items).extracting((item) -> text(item, "userId")).containsExactlyInAnyOrder("u-1", "u-2", "u-1");
		assertThat(errors(ingest)).extracting((error) -> text(error, "user", "id")).containsExactlyInAnyOrder("u-1", "u-2");
	}

	@Test
	void attributesNothingToARejectedToken() {
		String forged = token(rsaKeys(), "s-1", "u-1", null, "jane");
		assertThat(this.http.get("/boom", "Authorization", "Bearer " + forged).statusCode()).isEqualTo(401);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 1);
		assertThat(items.get(0).has("userId")).isFalse();
		assertThat(errors(ingest)).isEmpty();
	}

	private static String token(KeyPair keys, String subject, String uid, String email, String username) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("uid", uid)
			.claim("preferred_username", username)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)));
		if (email != null) {
			claims.claim("email", email);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
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
	@Import({ TestEndpoints.class, TestAdvice.class })
	static class App {

		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
		}

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

	}

}
