package io.seestack.spring.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.StatelessBasicSecurity;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.errors;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that goes away while its response is being written (a closed browser tab, a timed-out load balancer) is
 * not an error of the application: on a real Tomcat, the write that fails is not captured, and the request's item
 * keeps the status that was sent and counts the bytes written before the client left.
 */
class ClientGoneIntegrationTests {

	private static IngestServer ingest;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		ingest = IngestServer.start();
		context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "seestack.api-key=" + IngestServer.API_KEY,
					"seestack.host=" + ingest.url(), "seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e",
					"seestack.flush-interval=100ms", "seestack.send-default-pii=true",
					// Any handled exception would be captured: the disconnect must be left out for what it is.
					"seestack.exceptions.minimum-status=200")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
		ingest.close();
	}

	@Test
	void aDownloadTheClientAbandonsIsNotAnError() throws Exception {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.getOutputStream()
				.write(("GET /download HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + TestHttp.basic("alice")
						+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			in.readNBytes(64 * 1024);
			// A reset, not a polite close: the server's next write fails at once.
			socket.setSoLinger(true, 0);
		}
		await().untilAsserted(() -> assertThat(Downloads.failure.get()).isNotNull());

		JsonNode item = Payloads.awaitHttpItems(context.getBean(SeeStackClient.class), ingest, 1).get(0);
		assertThat(errors(ingest)).isEmpty();
		assertThat(text(item, "path")).isEqualTo("/download");
		assertThat(item.get("statusCode").asInt()).as("committed before the client left").isEqualTo(200);
		assertThat(item.get("responseSize").asLong()).isPositive().isLessThan(Downloads.SIZE);
		assertThat(text(item, "userId")).isEqualTo("alice");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Downloads.class, StatelessBasicSecurity.class })
	static class App {

		@Bean
		InMemoryUserDetailsManager users() {
			return StatelessBasicSecurity.users("alice");
		}

	}

	@RestController
	static class Downloads {

		static final long SIZE = 4096L * 64 * 1024;

		/** What ended the download: the write that found the client gone. */
		static final AtomicReference<IOException> failure = new AtomicReference<>();

		/** {@link #SIZE} (256 MB) in 64 KB writes: far more than the socket buffers hold, so a write fails once the
		 * client is gone. */
		@GetMapping("/download")
		void download(HttpServletResponse response) throws IOException {
			response.setContentType("application/octet-stream");
			OutputStream out = response.getOutputStream();
			byte[] chunk = new byte[64 * 1024];
			try {
				for (int i = 0; i < 4096; i++) {
					out.write(chunk);
					out.flush();
				}
			}
			catch (IOException ex) {
				failure.set(ex);
				throw ex;
			}
		}

	}

}
