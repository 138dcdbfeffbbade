package io.seestack.internal.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import io.seestack.DeliveryListener.DropReason;
import io.seestack.Feature;
import io.seestack.internal.SdkLog;
import io.seestack.internal.files.OwnerOnlyFiles;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies that could not be delivered yet, kept on disk until they can: one file per body, named so that
 * the oldest sorts first, each with a header that tells a whole file from a truncated or damaged one. Bounded by
 * bytes (logs and HTTP items are let go of before errors and heartbeats) and by age; every file let go of is
 * counted. A lock file keeps a second process off the same directory, so no file is ever sent by two.
 *
 * <p>Thread-safe; its methods do file I/O, so they run on the delivery thread, never on the application's.
 */
final class Spool implements AutoCloseable {

	/** Told of what the spool let go of, so it is counted like any other drop. */
	interface Evictions {

		void evicted(Feature feature, DropReason reason, int items);

	}

	/** A body as spooled: what it was for, how many events it holds, and its bytes. */
	record Entry(String name, Feature feature, int items, byte[] body) {
	}

	private static final String MAGIC = "SEESTACK-SPOOL-1";

	private static final Pattern NAME = Pattern.compile("(\\d{13})-(\\d{9})-([A-Z_]+)-(\\d+)\\.spool");

	private final SdkLog log = SdkLog.get(Spool.class);

	private final Path directory;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final long maxBytes;

	private final Duration maxAge;

	private final Evictions evictions;

	private final Clock clock;

	/** Spooled files by name, so oldest first, and their sizes. */
	private final TreeMap<String, Long> files = new TreeMap<>();

	private long bytes;

	private int sequence;

	private Spool(Path directory, FileChannel lockChannel, FileLock lock, long maxBytes, Duration maxAge,
			Evictions evictions, Clock clock) {
		this.directory = directory;
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.maxBytes = maxBytes;
		this.maxAge = maxAge;
		this.evictions = evictions;
		this.clock = clock;
	}

	/**
	 * Opens the spool in a directory made safe for its owner, taking its lock; files left by an earlier run are
	 * kept, to be delivered. Returns {@code null}, with one warning, when the directory is unsafe, unwritable or
	 * locked by another process: events are then only retried in memory, as without a spool.
	 */
	static @Nullable Spool open(Path directory, long maxBytes, Duration maxAge, Evictions evictions, Clock clock) {
		SdkLog log = SdkLog.get(Spool.class);
		FileChannel channel = null;
		try {
			Path safe = OwnerOnlyFiles.directory(directory);
			OwnerOnlyFiles.append(safe.resolve(".lock")).close();
			channel = FileChannel.open(safe.resolve(".lock"), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				channel.close();
				log.warn("SeeStack spool " + safe + " is in use by another process; this one keeps undelivered "
						+ "events in memory only. Give each instance its own spool directory.");
				return null;
			}
			Spool spool = new Spool(safe, channel, lock, maxBytes, maxAge, evictions, clock);
			spool.load();
			return spool;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			log.warn("SeeStack cannot use the spool directory " + directory + " (" + ex.getMessage()
					+ "); undelivered events are kept in memory only");
			return null;
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException heldInThisJvm) {
			return null;
		}
	}

	Path directory() {
		return this.directory;
	}

	/** Keeps a body until it can be delivered; {@code false} if it could not be written (it is then lost). */
	synchronized boolean store(Feature feature, int items, byte[] body) {
		String name = String.format("%013d-%09d-%s-%d.spool", this.clock.millis(), this.sequence++, feature.name(),
				items);
		byte[] file = withHeader(feature, items, body);
		try {
			OwnerOnlyFiles.writeNew(this.directory.resolve(name), file);
		}
		catch (IOException | RuntimeException ex) {
			this.log.warnOnce("spool-write", () -> "SeeStack could not write to its spool " + this.directory + " ("
					+ ex.getMessage() + "); undelivered events are lost until it can");
			return false;
		}
		this.log.rearm("spool-write");
		this.files.put(name, (long) file.length);
		this.bytes += file.length;
		expire();
		evictBeyondLimit();
		return this.files.containsKey(name);
	}

	/** The oldest body still whole, or {@code null}; damaged files met on the way are removed with one warning. */
	synchronized @Nullable Entry oldest() {
		expire();
		while (!this.files.isEmpty()) {
			String name = this.files.firstKey();
			Entry entry = read(name);
			if (entry != null) {
				return entry;
			}
			remove(name);
		}
		return null;
	}

	/** Removes a body that was delivered or refused for good. */
	synchronized void remove(Entry entry) {
		remove(entry.name());
	}

	synchronized int size() {
		return this.files.size();
	}

	synchronized long bytes() {
		return this.bytes;
	}

	@Override
	public synchronized void close() {
		try {
			this.lock.release();
		}
		catch (IOException | RuntimeException ex) {
			// Released with the channel below, or with the process.
		}
		closeQuietly(this.lockChannel);
	}

	private void load() throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory, "*.spool")) {
			for (Path file : entries) {
				String name = file.getFileName().toString();
				if (NAME.matcher(name).matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					long size = Files.size(file);
					this.files.put(name, size);
					this.bytes += size;
				}
				else {
					damaged(name, "not a spool file");
					Files.deleteIfExists(file);
				}
			}
		}
		expire();
		evictBeyondLimit();
	}

	private @Nullable Entry read(String name) {
		Matcher parts = NAME.matcher(name);
		try {
			byte[] file = Files.readAllBytes(this.directory.resolve(name));
			int newline = indexOf(file, (byte) '\n');
			String[] header = (newline < 0) ? new String[0]
					: new String(file, 0, newline, StandardCharsets.US_ASCII).split(" ");
			if (!parts.matches() || header.length != 5 || !MAGIC.equals(header[0])) {
				damaged(name, "no valid header");
				return null;
			}
			byte[] body = Arrays.copyOfRange(file, newline + 1, file.length);
			if (body.length != Integer.parseInt(header[3]) || !crc(body).equals(header[4])) {
				damaged(name, "truncated or damaged");
				return null;
			}
			return new Entry(name, Feature.valueOf(header[1]), Integer.parseInt(header[2]), body);
		}
		catch (IOException | RuntimeException ex) {
			damaged(name, ex.toString());
			return null;
		}
	}

	private void damaged(String name, String why) {
		this.log.warnOnce("spool-damaged", () -> "SeeStack skipped a damaged file in its spool " + this.directory
				+ " (" + name + ": " + why + "); further damaged files are skipped silently");
	}

	/** Lets go of files older than the age limit, counting them. */
	private void expire() {
		long oldest = this.clock.millis() - this.maxAge.toMillis();
		Iterator<Map.Entry<String, Long>> files = this.files.entrySet().iterator();
		while (files.hasNext()) {
			Map.Entry<String, Long> file = files.next();
			Matcher parts = NAME.matcher(file.getKey());
			if (!parts.matches() || Long.parseLong(parts.group(1)) >= oldest) {
				return;
			}
			evict(file.getKey(), parts, DropReason.EXPIRED);
			files = this.files.entrySet().iterator();
		}
	}

	/** Over the byte limit: the oldest logs and HTTP items go first, then errors and heartbeats. */
	private void evictBeyondLimit() {
		for (boolean lessValuable : new boolean[] { true, false }) {
			Iterator<String> names = this.files.keySet().iterator();
			while (this.bytes > this.maxBytes && names.hasNext()) {
				String name = names.next();
				Matcher parts = NAME.matcher(name);
				if (!parts.matches()) {
					continue;
				}
				Feature feature = Feature.valueOf(parts.group(3));
				if (!lessValuable || feature == Feature.LOGS || feature == Feature.HTTP_REQUESTS) {
					evict(name, parts, DropReason.SPOOL_FULL);
					names = this.files.keySet().iterator();
				}
			}
		}
	}

	private void evict(String name, Matcher parts, DropReason reason) {
		remove(name);
		this.evictions.evicted(Feature.valueOf(parts.group(3)), reason, Integer.parseInt(parts.group(4)));
	}

	private void remove(String name) {
		Long size = this.files.remove(name);
		if (size != null) {
			this.bytes -= size;
		}
		try {
			Files.deleteIfExists(this.directory.resolve(name));
		}
		catch (IOException ex) {
			this.log.warnOnce("spool-delete", () -> "SeeStack could not delete " + name + " from its spool "
					+ this.directory + " (" + ex.getMessage() + ")");
		}
	}

	private static byte[] withHeader(Feature feature, int items, byte[] body) {
		byte[] header = (MAGIC + " " + feature.name() + " " + items + " " + body.length + " " + crc(body) + "\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] file = Arrays.copyOf(header, header.length + body.length);
		System.arraycopy(body, 0, file, header.length, body.length);
		return file;
	}

	private static String crc(byte[] body) {
		CRC32 crc = new CRC32();
		crc.update(body);
		return Long.toHexString(crc.getValue());
	}

	private static int indexOf(byte[] bytes, byte wanted) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing more to release.
			}
		}
	}

}
