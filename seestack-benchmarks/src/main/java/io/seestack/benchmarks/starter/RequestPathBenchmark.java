package io.seestack.benchmarks.starter;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.seestack.spring.autoconfigure.security.SeeStackAuthenticationListener;
import io.seestack.spring.autoconfigure.security.SeeStackUserFilter;
import io.seestack.spring.autoconfigure.web.SeeStackRequestFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The starter's own per-request work, apart from everything else in the stack: what the request filter, the user
 * filter and the login listener (HTTP Basic logs in on every request) add to an authenticated {@code GET}, in
 * nanoseconds, as {@code starter - baseline}. The beans come from a running {@link BenchApplication}; the chain they
 * wrap only sets the status. Less noisy than {@link StarterBenchmark}, so it is the one to compare changes with.
 *
 * <p>SeeStack answers its own sends here ({@code bench.transport=discard}): at the half a million requests a second
 * of this loop, no HTTP client keeps up with a POST per 100 items, so with a real sink the HTTP items' buffer stays
 * full, every capture takes the path that drops the oldest item, and the figure measured that overload (and varied
 * by ±50 % from one run to the next) instead of the request path a server runs. Answered in memory, the delivery
 * thread only writes the JSON, and mostly keeps up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class RequestPathBenchmark {

	private static final FilterChain HANDLER = (request, response) -> ((HttpServletResponse) response)
		.setStatus(200);

	/** More application properties, {@code name=value} separated by {@code ;}, as for {@link StarterBenchmark}. */
	@Param({ "" })
	public String properties = "";

	private final Authentication authentication = UsernamePasswordAuthenticationToken
		.authenticated(User.withUsername("ada").password("n/a").roles("USER").build(), null, null);

	private @Nullable ConfigurableApplicationContext app;

	private SeeStackRequestFilter requestFilter;

	private SeeStackUserFilter userFilter;

	private SeeStackAuthenticationListener listener;

	@Setup
	public void start() {
		this.app = BenchApplication.start(List.of("--server.port=0", "--bench.transport=discard"), this.properties);
		this.requestFilter = this.app.getBean(SeeStackRequestFilter.class);
		this.userFilter = this.app.getBean(SeeStackUserFilter.class);
		this.listener = this.app.getBean(SeeStackAuthenticationListener.class);
	}

	@TearDown
	public void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

	/** Creating the request and response and calling the handler: what both benchmarks share. */
	@Benchmark
	public int baseline() throws Exception {
		MockHttpServletRequest request = request();
		MockHttpServletResponse response = new MockHttpServletResponse();
		SecurityContextHolder.getContext().setAuthentication(this.authentication);
		HANDLER.doFilter(request, response);
		SecurityContextHolder.clearContext();
		return response.getStatus();
	}

	/** The same, through the starter's filters and listener, as Spring Security and Spring MVC would call them. */
	@Benchmark
	public int starter() throws Exception {
		MockHttpServletRequest request = request();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.requestFilter.doFilter(request, response, (securedRequest, securedResponse) -> {
			SecurityContextHolder.getContext().setAuthentication(this.authentication);
			RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
			this.listener.onApplicationEvent(new AuthenticationSuccessEvent(this.authentication));
			this.userFilter.doFilter(securedRequest, securedResponse, HANDLER);
			RequestContextHolder.resetRequestAttributes();
			SecurityContextHolder.clearContext();
		});
		return response.getStatus();
	}

	/** The application, between setup and teardown (for the tests). */
	@Nullable ConfigurableApplicationContext app() {
		return this.app;
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");
		request.setRemoteAddr("203.0.113.9");
		request.setServerName("shop.example.com");
		return request;
	}

}
