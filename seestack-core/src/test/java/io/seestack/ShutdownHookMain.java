package io.seestack;

/**
 * A command-line tool that captures an error and returns from {@code main} without closing its client, run in a
 * JVM of its own by {@link ProcessHooksTests}. Arguments: the ingest URL, the API key, and whether the client
 * registers its shutdown hook.
 */
public final class ShutdownHookMain {

	private ShutdownHookMain() {
	}

	public static void main(String[] args) {
		SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder()
			.host(args[0])
			.apiKey(args[1])
			.shutdownHook(Boolean.parseBoolean(args[2]))
			.flushInterval(java.time.Duration.ofMinutes(10))
			.build());
		client.captureError(new IllegalStateException("the last error of a batch job"));
	}

}
