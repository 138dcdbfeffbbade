package io.seestack.spring.autoconfigure.web;

import java.util.Set;

/**
 * Recognises the exception a server raises when it writes to a client that has gone away (a closed tab, a proxy
 * that timed out): Spring MVC's {@code AsyncRequestNotUsableException}, Tomcat's {@code ClientAbortException},
 * Jetty's {@code EofException}, Reactor Netty's {@code AbortedException}, in the exception or its causes.
 *
 * <p>By type only, unlike Spring's {@code DisconnectedClientHelper}, which also matches messages such as
 * "Connection reset by peer": that message also comes from an outbound call whose server reset the connection,
 * which is an error of the application worth capturing.
 */
final class ClientDisconnects {

	private static final Set<String> TYPES = Set.of(
			"org.springframework.web.context.request.async.AsyncRequestNotUsableException",
			"org.apache.catalina.connector.ClientAbortException", "org.eclipse.jetty.io.EofException",
			"reactor.netty.channel.AbortedException");

	/** Causes looked at, at most: a cycle or a very deep chain ends the search. */
	private static final int MAX_CAUSES = 16;

	private ClientDisconnects() {
	}

	static boolean isClientDisconnect(Throwable error) {
		Throwable current = error;
		for (int i = 0; current != null && i < MAX_CAUSES; i++) {
			for (Class<?> type = current.getClass(); type != Throwable.class; type = type.getSuperclass()) {
				if (TYPES.contains(type.getName())) {
					return true;
				}
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return false;
	}

}
