package io.seestack.internal.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.seestack.SeeStackStatus.RecordedPayload;
import io.seestack.internal.SdkLog;
import io.seestack.internal.files.OwnerOnlyFiles;
import io.seestack.internal.files.UnsafeFileException;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Local mode's transport: every payload is answered 202 and kept, newest last, in a bounded ring and, if a file is
 * configured, appended to it as one JSON line ({@code path}, {@code recordedAt}, {@code body}). The file is rotated to
 * {@code <name>.1} when it passes {@link #MAX_FILE_BYTES}, so it never grows without bound. The file and a
 * directory it creates are the process owner's alone ({@link OwnerOnlyFiles}). Runs on the delivery thread, never on
 * the application's.
 */
public final class LocalOutboxTransport implements Transport {

	static final int RING_SIZE = 200;

	static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

	private final SdkLog log = SdkLog.get(LocalOutboxTransport.class);

	private final JsonFactory json = JsonFactory.builder().build();

	private final ArrayDeque<RecordedPayload> ring = new ArrayDeque<>();

	private final @Nullable Path outbox;

	private final long maxFileBytes;

	public LocalOutboxTransport(@Nullable Path outbox) {
		this(outbox, MAX_FILE_BYTES);
	}

	LocalOutboxTransport(@Nullable Path outbox, long maxFileBytes) {
		this.outbox = outbox;
		this.maxFileBytes = maxFileBytes;
		Path directory = (outbox != null) ? outbox.toAbsolutePath().getParent() : null;
		if (directory != null) {
			try {
				OwnerOnlyFiles.directory(directory);
			}
			catch (IOException | RuntimeException ex) {
				warnUnwritable(outbox, ex);
			}
		}
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		RecordedPayload payload = new RecordedPayload(request.path(), request.bodyAsString(), Instant.now());
		synchronized (this.ring) {
			if (this.ring.size() >= RING_SIZE) {
				this.ring.removeFirst();
			}
			this.ring.addLast(payload);
		}
		if (this.outbox != null) {
			append(this.outbox, payload);
		}
		return CompletableFuture.completedFuture(new TransportResponse(202, null));
	}

	/** The most recent payloads, oldest first. */
	public List<RecordedPayload> recent() {
		synchronized (this.ring) {
			return List.copyOf(this.ring);
		}
	}

	public @Nullable Path outbox() {
		return this.outbox;
	}

	private void warnUnwritable(Path file, Exception ex) {
		String reason = (ex instanceof UnsafeFileException) ? ex.getMessage()
				: "cannot write to " + file + " (" + ex + ")";
		this.log.warnOnce("outbox", () -> "SeeStack local mode " + reason + "; payloads are kept in memory only");
	}

	/** The body is the SDK's own compact JSON, so it goes into the line as it is. */
	private byte[] line(RecordedPayload payload) {
		ByteArrayOutputStream line = new ByteArrayOutputStream(payload.body().length() + 128);
		try (JsonGenerator generator = this.json.createGenerator(ObjectWriteContext.empty(), line)) {
			generator.writeStartObject();
			generator.writeStringProperty("path", payload.path());
			generator.writeStringProperty("recordedAt", payload.recordedAt().toString());
			generator.writeName("body");
			generator.writeRawValue(payload.body());
			generator.writeEndObject();
		}
		line.write('\n');
		return line.toByteArray();
	}

	private synchronized void append(Path file, RecordedPayload payload) {
		try {
			byte[] bytes = line(payload);
			if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
					&& Files.size(file) + bytes.length > this.maxFileBytes) {
				Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
			}
			try (OutputStream out = OwnerOnlyFiles.append(file)) {
				out.write(bytes);
			}
		}
		catch (IOException | RuntimeException ex) {
			warnUnwritable(file, ex);
		}
	}

}
