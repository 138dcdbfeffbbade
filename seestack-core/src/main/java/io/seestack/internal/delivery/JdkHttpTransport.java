package io.seestack.internal.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.seestack.SeeStackOptions;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;

/**
 * The default transport: the JDK's {@link HttpClient}, 3 s to connect, 5 s for the whole request, the API key in
 * {@code X-SeeStack-Key}.
 */
public final class JdkHttpTransport implements Transport {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final String USER_AGENT = "seestack-java/"
			+ java.util.Objects.requireNonNullElse(JdkHttpTransport.class.getPackage().getImplementationVersion(), "dev");

	private final HttpClient client;

	private final URI host;

	private final String apiKey;

	public JdkHttpTransport(SeeStackOptions options) {
		this.host = options.host();
		this.apiKey = options.apiKey();
		// Plain http is only for local and test backends; HTTP/1.1 there avoids h2c upgrade attempts.
		HttpClient.Version version = "https".equals(this.host.getScheme()) ? HttpClient.Version.HTTP_2
				: HttpClient.Version.HTTP_1_1;
		this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(version).build();
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(this.host + request.path()))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.header("X-SeeStack-Key", this.apiKey)
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
			.build();
		return this.client.sendAsync(httpRequest, HttpResponse.BodyHandlers.discarding())
			.thenApply((response) -> new TransportResponse(response.statusCode(),
					response.headers().firstValue("Retry-After").orElse(null)));
	}

	@Override
	public String toString() {
		return "JdkHttpTransport{host=" + this.host + "}";
	}

}
