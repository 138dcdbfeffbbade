package io.seestack.spring.autoconfigure.client;

import java.net.URI;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboundCalls}: what of a call's URI reaches its item, which calls get one, and the trace header.
 */
class OutboundCallsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder()
		.local(null)
		.projectId("0f8fad5b-d9cb-469f-a165-70867728950e")
		.build());

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void hostHasNeitherCredentialsNorPort() {
		assertThat(OutboundCalls.host(URI.create("http://user:secret@127.0.0.1:8080/users/42"))).isEqualTo("127.0.0.1");
		assertThat(OutboundCalls.host(URI.create("https://api.example.com/v1"))).isEqualTo("api.example.com");
		assertThat(OutboundCalls.host(URI.create("http://[::1]:8080/"))).isEqualTo("[::1]");
	}

	@Test
	void hostOfANameThatJavaNetUriDoesNotParseIsTheAuthorityWithoutCredentialsOrPort() {
		URI uri = URI.create("http://user:secret@my_service:8080/users");
		assertThat(uri.getHost()).isNull();
		assertThat(OutboundCalls.host(uri)).isEqualTo("my_service");
	}

	@Test
	void pathHasNoQueryFragmentOrPathParameters() {
		assertThat(OutboundCalls.path(URI.create("http://user:secret@127.0.0.1:8080/users/42?token=abc#top"), null))
			.isEqualTo("/users/42");
		assertThat(OutboundCalls.path(URI.create("http://h/users/42;jsessionid=abc/orders"), null))
			.isEqualTo("/users/42/orders");
		assertThat(OutboundCalls.path(URI.create("http://h"), null)).isEqualTo("/");
		assertThat(OutboundCalls.path(URI.create("http://h?q=1"), null)).isEqualTo("/");
	}

	@Test
	void pathIsTheTemplateWhenTheApplicationUsedOne() {
		assertThat(OutboundCalls.path(URI.create("http://h/users/42?token=abc"), "/users/{id}?token={token}"))
			.isEqualTo("/users/{id}");
	}

	@Test
	void pathOfAnAbsoluteTemplateHasNothingOfItsSchemeCredentialsOrHost() {
		assertThat(OutboundCalls.path(URI.create("http://user:secret@127.0.0.1:8080/users/42?token=abc"),
				"http://user:secret@127.0.0.1:8080/users/{id}?token=abc"))
			.isEqualTo("/users/{id}");
		assertThat(OutboundCalls.path(URI.create("http://127.0.0.1:8080/users/42"),
				"http://{host}:{port}/users/{id}"))
			.isEqualTo("/users/{id}");
	}

	@Test
	void pathKeepsWhatABaseUrlAddedBeforeTheTemplate() {
		assertThat(OutboundCalls.path(URI.create("http://h/api/v2/users/42"), "/users/{id}"))
			.isEqualTo("/api/v2/users/{id}");
		assertThat(OutboundCalls.path(URI.create("http://h/api/users/42"), "users/{id}"))
			.isEqualTo("/api/users/{id}");
	}

	@Test
	void pathIsTheRequestsWhenTheTemplateDisagreesWithIt() {
		// a variable that expanded to several segments
		assertThat(OutboundCalls.path(URI.create("http://h/files/a/b"), "/files/{path}")).isEqualTo("/files/a/b");
		// more segments in the template than in the request
		assertThat(OutboundCalls.path(URI.create("http://h/users"), "/api/users/{id}")).isEqualTo("/users");
		// a literal segment the request does not have
		assertThat(OutboundCalls.path(URI.create("http://h/users/42"), "/accounts/{id}")).isEqualTo("/users/42");
		// a template that starts with a variable, whose path cannot be told
		assertThat(OutboundCalls.path(URI.create("http://h/api/users/42"), "{base}/users/{id}"))
			.isEqualTo("/api/users/42");
		// an absolute template without a path
		assertThat(OutboundCalls.path(URI.create("http://h/"), "http://h?q={q}")).isEqualTo("/");
	}

	@Test
	void callsToTheIngestHostAndPortAreNotMonitored() {
		OutboundCalls calls = new OutboundCalls(this.client, "http://127.0.0.1:4318", false);
		assertThat(calls.isMonitored(URI.create("http://127.0.0.1:4318/ingest/v1/errors"))).isFalse();
		assertThat(calls.isMonitored(URI.create("http://127.0.0.1:4319/users"))).isTrue();
		assertThat(calls.isMonitored(URI.create("http://localhost:4318/users"))).isTrue();
		OutboundCalls defaultHost = new OutboundCalls(this.client, "https://api.seestack.io", false);
		assertThat(defaultHost.isMonitored(URI.create("https://API.seestack.io:443/ingest/v1/logs"))).isFalse();
		assertThat(defaultHost.isMonitored(URI.create("http://api.seestack.io/"))).isTrue();
	}

	@Test
	void noCallIsMonitoredByAClientThatDoesNotCapture() {
		OutboundCalls calls = new OutboundCalls(SeeStackClient.noop(), null, false);
		assertThat(calls.isMonitored(URI.create("http://127.0.0.1:8080/users"))).isFalse();
	}

	@Test
	void propagatesNothingByDefault() {
		OutboundCalls calls = new OutboundCalls(this.client, null, false);
		try (Scope scope = this.client.openScope()) {
			scope.setTraceId(TRACE_ID);
			assertThat(calls.traceparent(new HttpHeaders())).isNull();
		}
	}

	@Test
	void propagatesTheScopesTraceIdWithANewSpanIdPerCall() {
		OutboundCalls calls = new OutboundCalls(this.client, null, true);
		try (Scope scope = this.client.openScope()) {
			scope.setTraceId(TRACE_ID);
			String first = calls.traceparent(new HttpHeaders());
			assertThat(first).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
			assertThat(first).isNotEqualTo(calls.traceparent(new HttpHeaders()));
			try (Scope inner = this.client.openScope()) {
				assertThat(calls.traceparent(new HttpHeaders())).as("an enclosing scope's trace id")
					.startsWith("00-" + TRACE_ID + "-");
			}
		}
	}

	@Test
	void propagatesNothingOutsideEveryScope() {
		assertThat(new OutboundCalls(this.client, null, true).traceparent(new HttpHeaders())).isNull();
	}

	@Test
	void keepsATraceparentTheCallAlreadyHas() {
		OutboundCalls calls = new OutboundCalls(this.client, null, true);
		HttpHeaders headers = new HttpHeaders();
		headers.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		try (Scope scope = this.client.openScope()) {
			scope.setTraceId(TRACE_ID);
			assertThat(calls.traceparent(headers)).isNull();
		}
	}

	@Test
	void sendsNoHeaderForAScopeTraceIdThatIsNotAW3cOne() {
		OutboundCalls calls = new OutboundCalls(this.client, null, true);
		try (Scope scope = this.client.openScope()) {
			scope.setTraceId("order-4711");
			assertThat(calls.traceparent(new HttpHeaders())).isNull();
			scope.setTraceId("00000000000000000000000000000000");
			assertThat(calls.traceparent(new HttpHeaders())).isNull();
			scope.setTraceId(TRACE_ID.toUpperCase(java.util.Locale.ROOT));
			assertThat(calls.traceparent(new HttpHeaders())).isNull();
		}
	}

}
