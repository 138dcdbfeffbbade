package io.seestack.benchmarks.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.seestack.Feature;
import io.seestack.HttpRequestEvent;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.SeeStackStatus.FeatureStatus;

/**
 * What an HTTP request item, or an error, costs the whole process, on every thread, in steady state: one thread
 * captures them at a steady rate, as a server's requests would, and the CPU time of each thread of the process (from
 * {@code /proc/self/task}, so Linux only) is divided by the items captured. JMH cannot see this: most of the cost
 * is on SeeStack's own threads and the HTTP client's, not the caller's.
 *
 * <pre>
 * java -cp benchmarks.jar io.seestack.benchmarks.delivery.DeliveryCost --transport=jdk --sink=http://127.0.0.1:18080
 * </pre>
 *
 * Options: {@code --transport} {@code jdk} (the default transport), {@code blocking} ({@link BlockingTransport}),
 * {@code discard} (every send answered {@code 202} at once, no socket) or {@code none} (nothing captured: what the
 * pacing loop costs); {@code --sink} (an ingest sink such as the nginx of {@code load/run.sh}); {@code --rate}
 * items per second (18000, about what the benchmark application serves) for {@code --seconds} (20), after
 * {@code --warmup} seconds (30) at {@code --warmup-rate} (60000): the delivery code runs once per 100 items, so
 * the JIT needs many items before it has compiled it. {@code --feature=errors} captures errors instead, each a new
 * exception thrown ~100 frames deep, the rate limit off (then take a rate the delivery keeps up with, such as
 * {@code --rate=200 --warmup-rate=200}: beyond it the error buffer refuses them); the capturing thread's CPU
 * includes creating the exceptions.
 */
public final class DeliveryCost {

	/** {@code /proc} counts CPU time in clock ticks of USER_HZ, 100 a second on Linux whatever the kernel's HZ. */
	private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1) / 100;

	/** Frames above an error's throw, as under Tomcat, Spring Security and Spring MVC. */
	private static final int ERROR_DEPTH = 100;

	private DeliveryCost() {
	}

	private static HttpRequestEvent item() {
		return HttpRequestEvent.builder()
			.method("GET")
			.host("shop.example.com")
			.path("/hello")
			.statusCode(200)
			.duration(Duration.ofNanos(48_000))
			.responseSize(5)
			.userId("ada")
			.build();
	}

	private static void throwAndCapture(SeeStackClient client, int depth) {
		if (depth > 0) {
			throwAndCapture(client, depth - 1);
			return;
		}
		client.captureError(new IllegalStateException("payment failed"));
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = options(args);
		String transport = options.getOrDefault("transport", "jdk");
		Feature feature = switch (options.getOrDefault("feature", "http")) {
			case "http" -> Feature.HTTP_REQUESTS;
			case "errors" -> Feature.ERRORS;
			default -> throw new IllegalArgumentException("--feature: http or errors");
		};
		Result result = run(feature, transport, options.getOrDefault("sink", "http://127.0.0.1:18080"),
				Integer.parseInt(options.getOrDefault("rate", "18000")),
				Integer.parseInt(options.getOrDefault("seconds", "20")),
				Integer.parseInt(options.getOrDefault("warmup", "30")),
				Integer.parseInt(options.getOrDefault("warmup-rate", "60000")));
		System.out.println(result.report(transport));
	}

	/** Captures at {@code warmupRate} for {@code warmup} seconds, then measures {@code seconds} at {@code rate}. */
	public static Result run(String transport, String sink, int rate, int seconds, int warmup, int warmupRate)
			throws IOException {
		return run(Feature.HTTP_REQUESTS, transport, sink, rate, seconds, warmup, warmupRate);
	}

	/** As {@link #run(String, String, int, int, int, int)}, for HTTP items or errors. */
	public static Result run(Feature feature, String transport, String sink, int rate, int seconds, int warmup,
			int warmupRate) throws IOException {
		SeeStackOptions.Builder builder = SeeStackOptions.builder()
			.apiKey("delivery-cost")
			.host(sink)
			.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890")
			.identicalErrorsPerSecond(0)
			.shutdownHook(false);
		switch (transport) {
			case "jdk", "none" -> {
			}
			case "blocking" -> builder.transport(new BlockingTransport(builder.build()));
			case "discard" -> builder.transport(new DiscardingTransport());
			default -> throw new IllegalArgumentException("--transport: jdk, blocking, discard or none");
		}
		boolean capture = !"none".equals(transport);
		try (SeeStackClient client = SeeStackClient.create(builder.build())) {
			Runnable one = (!capture) ? () -> {
			} : (feature == Feature.ERRORS) ? () -> throwAndCapture(client, ERROR_DEPTH)
					: () -> client.captureHttpRequest(item());
			capture(one, warmupRate, warmup);
			client.flush(Duration.ofSeconds(10));
			FeatureStatus before = client.status().features().get(feature);
			Map<String, Long> start = threadTicks();
			long items = capture(one, rate, seconds);
			client.flush(Duration.ofSeconds(10));
			Map<String, Long> end = threadTicks();
			FeatureStatus after = client.status().features().get(feature);
			Map<String, Double> perItem = new TreeMap<>();
			end.forEach((thread, ticks) -> {
				long used = ticks - start.getOrDefault(thread, 0L);
				if (used > 0) {
					perItem.put(thread, used * TICK_NANOS / 1_000.0 / items);
				}
			});
			return new Result(items, after.sent() - before.sent(), after.dropped() - before.dropped(), perItem);
		}
	}

	/** Captures {@code rate} items a second, in small bursts, as requests of a server would complete. */
	private static long capture(Runnable one, int rate, int seconds) {
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		long captured = 0;
		for (long now = start; now < end; now = System.nanoTime()) {
			long due = (now - start) * rate / TimeUnit.SECONDS.toNanos(1);
			for (; captured < due; captured++) {
				one.run();
			}
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
		}
		return captured;
	}

	/** CPU clock ticks (user + system) per thread name of this process, numbers in names folded to {@code N}. */
	private static Map<String, Long> threadTicks() throws IOException {
		Map<String, Long> ticks = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				String stat;
				try {
					stat = Files.readString(task.resolve("stat"));
				}
				catch (IOException ex) {
					continue; // the thread ended meanwhile
				}
				int open = stat.indexOf('(');
				int close = stat.lastIndexOf(')');
				String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N");
				String[] fields = stat.substring(close + 2).split(" ");
				// Fields 14 and 15 of proc(5): utime and stime; the split starts at field 3.
				ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
			}
		}
		return ticks;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		return options;
	}

	/**
	 * What a measurement found.
	 * @param items items captured while measuring
	 * @param sent items the backend accepted meanwhile
	 * @param dropped items dropped meanwhile
	 * @param microsPerItem CPU time per item in µs, by thread name
	 */
	public record Result(long items, long sent, long dropped, Map<String, Double> microsPerItem) {

		/** The CPU time per item of all threads but the JIT compiler's, which stop once the code is compiled. */
		public double microsPerItemWithoutJit() {
			return this.microsPerItem.entrySet()
				.stream()
				.filter((thread) -> !thread.getKey().contains("CompilerThre"))
				.mapToDouble(Map.Entry::getValue)
				.sum();
		}

		String report(String transport) {
			StringBuilder report = new StringBuilder(String.format("transport=%s: %d items captured, %d sent, "
					+ "%d dropped; %.2f µs of CPU per item without the JIT%n", transport, this.items, this.sent,
					this.dropped, microsPerItemWithoutJit()));
			this.microsPerItem.forEach((thread, micros) -> report.append(String.format("  %-16s %6.2f µs%n",
					thread, micros)));
			return report.toString();
		}

	}

}
