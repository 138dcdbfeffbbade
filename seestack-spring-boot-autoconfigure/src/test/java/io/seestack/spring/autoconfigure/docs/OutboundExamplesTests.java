package io.seestack.spring.autoconfigure.docs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.client.SeeStackRestClientAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code example of docs/outbound.md, compiled and run here against a service on loopback; the Markdown must show
 * exactly the tagged region (checked by {@code DocSnippetsTests} in seestack-core).
 */
class OutboundExamplesTests {

	@TempDir
	Path temp;

	private HttpServer users;

	@BeforeEach
	void startUsers() throws IOException {
		this.users = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.users.createContext("/", (exchange) -> {
			byte[] body = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.users.start();
	}

	@AfterEach
	void stopUsers() {
		this.users.stop(0);
	}

	@Test
	void aCallThroughBootsBuilderIsAnOutboundItemWithTheTemplate() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, RestClientAutoConfiguration.class,
					SeeStackRestClientAutoConfiguration.class))
			.withUserConfiguration(Profiles.class)
			.withPropertyValues("seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e",
					"seestack.local.outbox=" + this.temp.resolve("outbox.jsonl"),
					"users.url=http://127.0.0.1:" + this.users.getAddress().getPort())
			.run((context) -> {
				SeeStackClient client = context.getBean(SeeStackClient.class);
				try (Scope scope = client.openScope()) {
					scope.setUser(User.builder().id("ada").build());
					assertThat(context.getBean(Profiles.class).find(42)).isEqualTo("{\"id\":42}");
				}
				assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
				assertThat(client.status().recentPayloads()).singleElement().satisfies((payload) -> {
					JsonNode item = JsonMapper.builder().build().readTree(payload.body()).get("requests").get(0);
					assertThat(item.get("direction").asString()).isEqualTo("outbound");
					assertThat(item.get("path").asString()).isEqualTo("/users/{id}");
					assertThat(item.get("userId").asString()).isEqualTo("ada");
				});
			});
	}

}
