package io.seestack.spring.autoconfigure.web;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The trace id of a request: taken from a valid W3C {@code traceparent} header, else generated (32 lowercase hex
 * digits, never all zero). Shared by the servlet and the WebFlux request filters.
 */
public final class TraceParent {

	/** The W3C trace context header. */
	public static final String HEADER = "traceparent";

	private static final int TRACE_ID_START = 3;

	private static final int TRACE_ID_END = 35;

	private static final int VERSION_00_LENGTH = 55;

	private static final HexFormat HEX = HexFormat.of();

	private TraceParent() {
	}

	/**
	 * The trace id of the header, or a new one when the header is absent or not valid.
	 * @param traceparent the header's value, or {@code null}
	 * @return 32 lowercase hex digits
	 */
	public static String traceId(@Nullable String traceparent) {
		String traceId = parse(traceparent);
		return (traceId != null) ? traceId : generate();
	}

	/**
	 * The trace-id field of {@code version-traceid-parentid-flags}, or {@code null} when the header is not valid:
	 * wrong length or separators, not lowercase hex, version {@code ff}, or an all-zero trace or parent id.
	 */
	static @Nullable String parse(@Nullable String header) {
		if (header == null || header.length() < VERSION_00_LENGTH) {
			return null;
		}
		String value = header.strip();
		if (value.length() < VERSION_00_LENGTH || value.charAt(2) != '-' || value.charAt(35) != '-'
				|| value.charAt(52) != '-') {
			return null;
		}
		String version = value.substring(0, 2);
		if (!isHex(version) || "ff".equals(version)) {
			return null;
		}
		if ("00".equals(version) ? value.length() != VERSION_00_LENGTH
				: (value.length() > VERSION_00_LENGTH && value.charAt(VERSION_00_LENGTH) != '-')) {
			return null;
		}
		String traceId = value.substring(TRACE_ID_START, TRACE_ID_END);
		String parentId = value.substring(36, 52);
		if (!isHex(traceId) || !isHex(parentId) || !isHex(value.substring(53, 55)) || isZero(traceId)
				|| isZero(parentId)) {
			return null;
		}
		return traceId;
	}

	/** A new random trace id. */
	static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = random.nextLong();
		long low = random.nextLong();
		if (high == 0 && low == 0) {
			low = 1;
		}
		return HEX.toHexDigits(high) + HEX.toHexDigits(low);
	}

	private static boolean isHex(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isZero(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

}
