package io.seestack.spring.autoconfigure.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.testsupport.IngestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SeeStackRequestFilter} with Spring's servlet API stand-ins and a real client.
 */
class SeeStackRequestFilterTests {

	private static final String PROJECT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

	private static IngestServer ingest;

	private final SeeStackProperties properties = new SeeStackProperties();

	private SeeStackClient client;

	@BeforeAll
	static void startIngest() {
		ingest = IngestServer.start();
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void setUp() {
		ingest.reset();
		this.client = SeeStackClient.create(SeeStackOptions.builder()
			.apiKey(IngestServer.API_KEY)
			.host(ingest.url())
			.projectId(PROJECT_ID)
			.flushInterval(Duration.ofMillis(100))
			.build());
		this.properties.setProjectId(PROJECT_ID);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void opensAScopeWithTheTraceIdAndAnonymousUserAndRestoresTheThreadAfterwards() throws Exception {
		this.properties.setSendDefaultPii(true);
		AtomicReference<Optional<Scope>> scope = new AtomicReference<>();
		AtomicReference<Optional<User>> user = new AtomicReference<>();
		MockHttpServletRequest request = request("/orders");
		request.addHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		request.addHeader("X-SeeStack-Session", "replay-42");
		filter().doFilter(request, new MockHttpServletResponse(), chain((response) -> {
			scope.set(this.client.currentScope());
			user.set(this.client.getCurrentUser());
		}));
		assertThat(scope.get()).hasValueSatisfying((current) -> {
			assertThat(current.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(current.ip()).isEqualTo("203.0.113.9");
			assertThat(current.sessionId()).isEqualTo("replay-42");
		});
		assertThat(user.get()).isEmpty();
		assertThat(this.client.currentScope()).isEmpty();
	}

	@Test
	void startsEveryRequestAnonymousWhateverTheThreadHad() throws Exception {
		AtomicReference<Optional<User>> user = new AtomicReference<>();
		try (Scope outer = this.client.openScope()) {
			this.client.setUser(User.builder().id("somebody-else").build());
			filter().doFilter(request("/"), new MockHttpServletResponse(),
					chain((response) -> user.set(this.client.getCurrentUser())));
			assertThat(this.client.getCurrentUser()).map(User::id).contains("somebody-else");
		}
		assertThat(user.get()).isEmpty();
	}

	@Test
	void resolvesTheClientIpOncePerRequestAndIgnoresASessionHeaderThatIsNoId() throws Exception {
		this.properties.setSendDefaultPii(true);
		int[] peerReads = new int[1];
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/boom") {
			@Override
			public String getRemoteAddr() {
				peerReads[0]++;
				return "203.0.113.9";
			}
		};
		request.addHeader("X-SeeStack-Session", "<script>alert(1)</script>");
		AtomicReference<String> sessionId = new AtomicReference<>("unset");
		filter().doFilter(request, new MockHttpServletResponse(), chain((response) -> {
			sessionId.set(this.client.currentScope().map((scope) -> String.valueOf(scope.sessionId())).orElse("no scope"));
			this.client.captureError(new IllegalStateException("in the request"));
		}));
		assertThat(peerReads[0]).isEqualTo(1);
		assertThat(sessionId.get()).isEqualTo("null");
	}

	@Test
	void handsTheCompletedRequestToAReplacementExceptionCaptureInTheRequestsScope() throws Exception {
		List<String> seen = new ArrayList<>();
		SeeStackExceptionCapture replacement = (completed) -> seen.add(completed.status() + " "
				+ completed.escapedException().getMessage() + " " + completed.path() + " trace "
				+ this.client.currentScope().map(Scope::traceId).orElse("none"));
		SeeStackRequestFilter filter = new SeeStackRequestFilter(this.client, ClientIpResolver.from(this.properties),
				null, replacement, null);
		filter.setBeanName("seeStackRequestFilter");
		filter.afterPropertiesSet();
		MockHttpServletRequest request = request("/pay");
		request.addHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(),
				chain((response) -> {
					throw new IllegalStateException("declined");
				})));
		assertThat(seen).containsExactly("500 declined /pay trace 4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void restoresTheThreadWhenTheChainThrows() {
		assertThatIllegalStateException().isThrownBy(() -> filter().doFilter(request("/"),
				new MockHttpServletResponse(), chain((response) -> {
					throw new IllegalStateException("boom");
				})));
		assertThat(this.client.currentScope()).isEmpty();
	}

	@Test
	void capturesOneItemWithTheRequestDetails() throws Exception {
		MockHttpServletRequest request = request("/orders;jsessionid=secret/7");
		request.setQueryString("token=secret");
		request.setContent(new byte[12]);
		filter().doFilter(request, new MockHttpServletResponse(), chain((response) -> {
			this.client.setUser(User.builder().id("u-1").build());
			response.setStatus(201);
			response.getWriter().write("created");
		}));
		JsonNode item = Payloads.awaitHttpItems(this.client, ingest, 1).get(0);
		assertThat(text(item, "path")).isEqualTo("/orders/7");
		assertThat(text(item, "method")).isEqualTo("POST");
		assertThat(text(item, "host")).isEqualTo("api.example.com");
		assertThat(text(item, "userId")).isEqualTo("u-1");
		assertThat(item.get("statusCode").asInt()).isEqualTo(201);
		assertThat(item.get("requestSize").asLong()).isEqualTo(12);
		assertThat(item.get("responseSize").asLong()).isEqualTo(7);
	}

	@Test
	void sendsNoItemWhenHttpMonitoringIsOff() throws Exception {
		this.properties.getHttp().setEnabled(false);
		assertNoItemFor("/orders");
	}

	@Test
	void sendsNoItemWithoutAProjectId() throws Exception {
		this.properties.setProjectId(null);
		assertNoItemFor("/orders");
	}

	@Test
	void sendsNoItemForAnExcludedPath() throws Exception {
		this.properties.getHttp().setExcludePaths(List.of("/actuator/**", "/internal/*/ping"));
		assertNoItemFor("/actuator/health");
		assertNoItemFor("/internal/a/ping");
	}

	@Test
	void sendsNoItemWhenTheSampleRateIsZero() throws Exception {
		this.properties.getHttp().setSampleRate(0.0);
		assertNoItemFor("/orders");
	}

	/** Binomial(420, 0.25): outside [50, 160] with a probability below 1e-9; 420 or 0 items if the rate is ignored. */
	@Test
	void sendsAnItemForAboutTheSampledFractionOfRequestsAndCapturesEveryError() throws Exception {
		this.properties.getHttp().setSampleRate(0.25);
		SeeStackRequestFilter filter = filter();
		for (int i = 0; i < 400; i++) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request("/orders/" + i), response, chain((passedOn) -> passedOn.setStatus(200)));
		}
		for (int i = 0; i < 20; i++) {
			// Letters, not digits: messages that differ only by a number are one kind of error to the rate limit.
			String message = "boom " + (char) ('a' + i);
			try {
				filter.doFilter(request("/boom"), new MockHttpServletResponse(), chain((response) -> {
					throw new IllegalStateException(message);
				}));
			}
			catch (IllegalStateException expected) {
				// the application's exception goes on unchanged
			}
		}
		Payloads.flush(this.client);
		assertThat(Payloads.httpItems(ingest)).as("400 sampled and 20 failing requests at 0.25").hasSizeBetween(50, 160);
		assertThat(Payloads.errors(ingest)).extracting((error) -> text(error, "message"))
			.as("every error, sampled or not")
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj((i) -> "boom " + (char) ('a' + i)).toList());
	}

	@Test
	void capturesNoExceptionWhenExceptionCaptureIsOff() throws Exception {
		this.properties.getExceptions().setEnabled(false);
		try {
			filter().doFilter(request("/"), new MockHttpServletResponse(), chain((response) -> {
				throw new IllegalStateException("boom");
			}));
		}
		catch (IllegalStateException expected) {
			// the application's exception goes on unchanged
		}
		Payloads.awaitHttpItems(this.client, ingest, 1);
		assertThat(Payloads.errors(ingest)).isEmpty();
	}

	@Test
	void completesARequestOnceThoughAnErrorDispatchFollows() throws Exception {
		MockHttpServletRequest request = request("/boom");
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			filter().doFilter(request, response, chain((ignored) -> {
				throw new ServletException(new IllegalStateException("boom"));
			}));
		}
		catch (ServletException expected) {
			// the container turns it into an error dispatch
		}
		request.setDispatcherType(DispatcherType.ERROR);
		response.setStatus(500);
		filter().doFilter(request, response, chain((ignored) -> ignored.getWriter().write("{\"status\":500}")));
		JsonNode item = Payloads.awaitHttpItems(this.client, ingest, 1).get(0);
		assertThat(item.get("statusCode").asInt()).isEqualTo(500);
		assertThat(Payloads.errors(ingest)).singleElement()
			.satisfies((error) -> assertThat(text(error, "exceptionClass"))
				.as("unwrapped from its ServletException")
				.isEqualTo(IllegalStateException.class.getName()));
	}

	@Test
	void aDispatchNestedInOneTheFilterIsInPassesThrough() throws Exception {
		SeeStackRequestFilter filter = filter();
		MockHttpServletRequest request = request("/outer");
		AtomicReference<Optional<Scope>> outer = new AtomicReference<>();
		AtomicReference<Optional<Scope>> nested = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(), chain((response) -> {
			outer.set(this.client.currentScope());
			request.setDispatcherType(DispatcherType.ERROR);
			filter.doFilter(request, response, chain((ignored) -> nested.set(this.client.currentScope())));
			request.setDispatcherType(DispatcherType.REQUEST);
			response.setStatus(201);
		}));
		assertThat(outer.get()).isPresent();
		assertThat(nested.get()).as("no scope of its own").isEqualTo(outer.get());
		JsonNode item = Payloads.awaitHttpItems(this.client, ingest, 1).get(0);
		assertThat(item.get("statusCode").asInt()).as("completed by the outer dispatch").isEqualTo(201);
	}

	private void assertNoItemFor(String path) throws Exception {
		MockHttpServletResponse original = new MockHttpServletResponse();
		List<HttpServletResponse> passedOn = new ArrayList<>();
		filter().doFilter(request(path), original, chain(passedOn::add));
		Payloads.flush(this.client);
		assertThat(ingest.count(Payloads.HTTP_REQUESTS)).isZero();
		assertThat(passedOn).as("a request without an item keeps its response unwrapped").containsExactly(original);
	}

	private SeeStackRequestFilter filter() throws ServletException {
		SeeStackProperties.Http http = this.properties.getHttp();
		SeeStackRequestFilter filter = new SeeStackRequestFilter(this.client, ClientIpResolver.from(this.properties),
				new DefaultSeeStackHttpRequestCapture(this.client, http.isEnabled() && this.properties.getProjectId() != null,
						http.getExcludePaths(), http.getSampleRate()),
				this.properties.getExceptions().isEnabled() ? new DefaultSeeStackExceptionCapture(this.client,
						this.properties.getExceptions().getMinimumStatus(), this.properties.getExceptions().getIgnored())
						: null,
				this.properties.getReplay().getSessionHeader());
		filter.setBeanName("seeStackRequestFilter");
		filter.afterPropertiesSet();
		return filter;
	}

	private static MockHttpServletRequest request(String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.setServerName("api.example.com");
		request.setRemoteAddr("203.0.113.9");
		return request;
	}

	private static MockFilterChain chain(Handler handler) {
		Filter filter = (request, response, next) -> handler.handle((HttpServletResponse) response);
		return new MockFilterChain(new HttpServlet() {

			private static final long serialVersionUID = 1L;

		}, filter);
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpServletResponse response) throws IOException, ServletException;

	}

}
