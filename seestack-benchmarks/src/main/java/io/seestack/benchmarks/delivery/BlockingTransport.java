package io.seestack.benchmarks.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

import io.seestack.SeeStackOptions;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;

/**
 * An experiment, not a product transport: each POST is made with the JDK's {@link HttpURLConnection} on the thread
 * that calls the transport (SeeStack's delivery thread, the one that built the batch), blocking it until the
 * answer. See seestack-benchmarks/README.md ("Other transports").
 */
public final class BlockingTransport implements Transport {

	private final SeeStackOptions options;

	public BlockingTransport(SeeStackOptions options) {
		this.options = options;
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		try {
			return CompletableFuture.completedFuture(post(request));
		}
		catch (IOException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private TransportResponse post(TransportRequest request) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(this.options.host() + request.path())
			.toURL()
			.openConnection();
		connection.setConnectTimeout(3_000);
		connection.setReadTimeout(5_000);
		connection.setRequestMethod("POST");
		connection.setDoOutput(true);
		connection.setFixedLengthStreamingMode(request.body().length);
		connection.setRequestProperty("Content-Type", "application/json");
		connection.setRequestProperty("X-SeeStack-Key", this.options.apiKey());
		try (OutputStream body = connection.getOutputStream()) {
			body.write(request.body());
		}
		int status = connection.getResponseCode();
		try (InputStream answer = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
			if (answer != null) {
				answer.transferTo(OutputStream.nullOutputStream());
			}
		}
		return new TransportResponse(status, connection.getHeaderField("Retry-After"));
	}

}
