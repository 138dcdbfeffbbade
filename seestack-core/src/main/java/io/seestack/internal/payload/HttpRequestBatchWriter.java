package io.seestack.internal.payload;

import java.util.List;
import java.util.Locale;

import io.seestack.HttpRequestEvent;
import io.seestack.HttpRequestEvent.Direction;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Writes a batch body of HTTP request items straight to JSON. There is one item per request of the application, so
 * this is the SDK's busiest payload: the property names and the direction are written from pre-encoded bytes,
 * since Jackson otherwise checks every character of them for escaping, item after item (a third of a batch's cost,
 * profiled).
 */
final class HttpRequestBatchWriter {

	private static final SerializableString PROJECT_ID = name("projectId");

	private static final SerializableString REQUESTS = name("requests");

	private static final SerializableString TRACE_ID = name("traceId");

	private static final SerializableString DIRECTION = name("direction");

	private static final SerializableString METHOD = name("method");

	private static final SerializableString HOST = name("host");

	private static final SerializableString PATH = name("path");

	private static final SerializableString STATUS_CODE = name("statusCode");

	private static final SerializableString DURATION_MS = name("durationMs");

	private static final SerializableString REQUEST_SIZE = name("requestSize");

	private static final SerializableString RESPONSE_SIZE = name("responseSize");

	private static final SerializableString USER_ID = name("userId");

	private static final SerializableString TIMESTAMP = name("timestamp");

	private static final SerializableString INBOUND = name(Direction.INBOUND.wireName());

	private static final SerializableString OUTBOUND = name(Direction.OUTBOUND.wireName());

	private HttpRequestBatchWriter() {
	}

	static void write(JsonGenerator generator, String projectId, List<CapturedHttpRequest> items) {
		generator.writeStartObject();
		generator.writeName(PROJECT_ID);
		generator.writeString(projectId);
		generator.writeName(REQUESTS);
		generator.writeStartArray();
		for (CapturedHttpRequest item : items) {
			writeItem(generator, item);
		}
		generator.writeEndArray();
		generator.writeEndObject();
	}

	private static void writeItem(JsonGenerator generator, CapturedHttpRequest item) {
		HttpRequestEvent event = item.event();
		generator.writeStartObject();
		string(generator, TRACE_ID, PayloadFactory.required(item.traceId(), 128));
		generator.writeName(DIRECTION);
		generator.writeString((event.direction() == Direction.INBOUND) ? INBOUND : OUTBOUND);
		string(generator, METHOD, PayloadFactory.required(event.method().toUpperCase(Locale.ROOT), 16));
		string(generator, HOST, PayloadFactory.required(hostOnly(event.host()), 256));
		string(generator, PATH, pathOnly(event.path()));
		number(generator, STATUS_CODE, event.statusCode());
		number(generator, DURATION_MS, Math.max(0, event.duration().toMillis()));
		number(generator, REQUEST_SIZE, Math.max(0, event.requestSize()));
		number(generator, RESPONSE_SIZE, Math.max(0, event.responseSize()));
		String userId = item.userId();
		if (userId != null && !userId.isBlank()) {
			string(generator, USER_ID, Sanitizer.text(userId, 1_024));
		}
		string(generator, TIMESTAMP, Timestamps.millis(event.timestamp()));
		generator.writeEndObject();
	}

	private static void string(JsonGenerator generator, SerializableString name, String value) {
		generator.writeName(name);
		generator.writeString(value);
	}

	private static void number(JsonGenerator generator, SerializableString name, long value) {
		generator.writeName(name);
		generator.writeNumber(value);
	}

	static String pathOnly(String path) {
		int end = path.length();
		int query = path.indexOf('?');
		int fragment = path.indexOf('#');
		if (query >= 0) {
			end = query;
		}
		if (fragment >= 0 && fragment < end) {
			end = fragment;
		}
		String stripped = path.substring(0, end);
		return stripped.isEmpty() ? "/" : Sanitizer.text(stripped, 2_048);
	}

	private static String hostOnly(String host) {
		int scheme = host.indexOf("://");
		String withoutScheme = (scheme >= 0) ? host.substring(scheme + 3) : host;
		int slash = withoutScheme.indexOf('/');
		return (slash >= 0) ? withoutScheme.substring(0, slash) : withoutScheme;
	}

	private static SerializableString name(String name) {
		return new SerializedString(name);
	}

}
