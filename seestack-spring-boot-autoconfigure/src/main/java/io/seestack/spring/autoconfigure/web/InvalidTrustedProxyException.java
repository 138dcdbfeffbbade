package io.seestack.spring.autoconfigure.web;

/**
 * An entry of {@code seestack.trusted-proxies} that is neither an IP address nor a CIDR block. Turned into a
 * failure analysis by {@link InvalidTrustedProxyFailureAnalyzer}.
 */
final class InvalidTrustedProxyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int index;

	private final String entry;

	InvalidTrustedProxyException(int index, String entry) {
		super("seestack.trusted-proxies[" + index + "] '" + entry + "' is not an IP address or CIDR block");
		this.index = index;
		this.entry = entry;
	}

	/** The property of the entry, such as {@code seestack.trusted-proxies[1]}. */
	String property() {
		return "seestack.trusted-proxies[" + this.index + "]";
	}

	String entry() {
		return this.entry;
	}

}
