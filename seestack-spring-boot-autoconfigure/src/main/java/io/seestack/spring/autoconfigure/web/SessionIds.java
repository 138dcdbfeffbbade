package io.seestack.spring.autoconfigure.web;

/**
 * What a replay session id sent by a browser may look like: up to 128 letters, digits, {@code -}, {@code _},
 * {@code .} and {@code :} (a UUID, a ULID, a prefixed id). Anything else is not recorded: the header comes from
 * the client, and its value ends up in every error of the request. Shared by the servlet and the WebFlux request
 * filters.
 */
public final class SessionIds {

	static final int MAX_LENGTH = 128;

	private SessionIds() {
	}

	/**
	 * Whether the value may be recorded as a replay session id.
	 * @param value the header's value
	 * @return whether it looks like an id
	 */
	public static boolean isValid(String value) {
		if (value.isEmpty() || value.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == ':';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
