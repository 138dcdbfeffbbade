package io.seestack.spring.autoconfigure.logging;

import java.util.List;

/** Defaults of {@code seestack.logs.*} and {@code seestack.mdc.*}, shared by the properties and the installer. */
public final class LogsDefaults {

	/** The default of {@code seestack.logs.minimum-level}. */
	public static final String MINIMUM_LEVEL = "WARN";

	/**
	 * Loggers not sent by default: the servlet container's report of an exception that escaped a request, which
	 * SeeStack already captures as an error, with its user.
	 */
	public static final List<String> EXCLUDED_LOGGERS = List.of("org.apache.catalina.core.ContainerBase");

	/** The default MDC key of the user id. */
	public static final String USER_ID_KEY = "userId";

	/** The default MDC key of the trace id: not {@code traceId}, which Micrometer Tracing puts its own under. */
	public static final String TRACE_ID_KEY = "seestack.traceId";

	/** The default MDC key of the replay session id. */
	public static final String SESSION_ID_KEY = "seestack.sessionId";

	private LogsDefaults() {
	}

}
