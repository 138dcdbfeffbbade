package io.seestack.spring.autoconfigure.security;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.StatelessBasicSecurity;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.awaitHttpItems;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.errors;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application behind a trusted proxy (the test client, on loopback), recording anonymized IPs: the client
 * address comes from {@code X-Forwarded-For}, read right to left, and is unknown when the walk meets a malformed hop.
 */
@SpringBootTest(classes = TrustedProxyIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.trusted-proxies=127.0.0.0/8,::1", "seestack.user.ip=anonymized" })
class TrustedProxyIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

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
	void takesTheClientAddressFromATrustedProxyAndAnonymizesIt() {
		this.http.get("/public/boom", "X-Forwarded-For", "6.6.6.6, 198.51.100.77");
		this.http.get("/boom", "Authorization", basic("alice"), "X-Forwarded-For", "2001:db8:1234:5678::1, 127.0.0.9");
		awaitHttpItems(this.client, ingest, 2);
		assertThat(text(errors(ingest, "/public/boom").get(0), "user", "ip")).isEqualTo("198.51.100.0");
		assertThat(errors(ingest, "/public/boom").get(0).get("user").has("id")).isFalse();
		assertThat(text(errors(ingest, "/boom").get(0), "user", "ip")).isEqualTo("2001:db8:1234::");
		assertThat(text(errors(ingest, "/boom").get(0), "user", "id")).isEqualTo("alice");
	}

	@Test
	void recordsNoAddressWhenAMalformedHopEndsTheWalk() {
		this.http.get("/public/boom", "X-Forwarded-For", "198.51.100.7, unknown");
		this.http.get("/boom", "Authorization", basic("alice"), "X-Forwarded-For",
				"198.51.100.7, 127.0.0.9, garbage, 127.0.0.8");
		awaitHttpItems(this.client, ingest, 2);
		assertThat(text(errors(ingest, "/public/boom").get(0), "user", "ip")).isNull();
		assertThat(text(errors(ingest, "/boom").get(0), "user", "ip")).isNull();
		assertThat(text(errors(ingest, "/boom").get(0), "user", "id")).isEqualTo("alice");
	}

	@Test
	void usesThePeerWithoutXForwardedFor() {
		this.http.get("/public/boom");
		awaitHttpItems(this.client, ingest, 1);
		assertThat(text(errors(ingest).get(0), "user", "ip")).isEqualTo("127.0.0.0");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ TestEndpoints.class, TestAdvice.class, StatelessBasicSecurity.class })
	static class App {

		@Bean
		InMemoryUserDetailsManager users() {
			return StatelessBasicSecurity.users("alice");
		}

	}

}
