package io.seestack.spring.autoconfigure.web;

/**
 * A {@code seestack.*} property of the web integration with a value it cannot use. Turned into a failure analysis
 * by {@link InvalidWebPropertyFailureAnalyzer}.
 */
final class InvalidWebPropertyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String value;

	private final String problem;

	private final String action;

	private InvalidWebPropertyException(String property, String value, String problem, String action) {
		super(property + " '" + value + "' " + problem);
		this.property = property;
		this.value = value;
		this.problem = problem;
		this.action = action;
	}

	/** An entry of {@code seestack.trusted-proxies} that is neither an IP address nor a CIDR block. */
	static InvalidWebPropertyException trustedProxy(int index, String entry) {
		return new InvalidWebPropertyException("seestack.trusted-proxies[" + index + "]", entry,
				"is not an IP address or CIDR block",
				"Set each entry of seestack.trusted-proxies to the address of a proxy in front of the application, "
						+ "as a single IP address (such as 10.0.0.7 or ::1) or a CIDR block (such as 10.0.0.0/8 or "
						+ "2001:db8::/32), or remove the entry. Host names are not accepted.");
	}

	/** A {@code seestack.http.sample-rate} outside 0.0 to 1.0. */
	static InvalidWebPropertyException sampleRate(double sampleRate) {
		return new InvalidWebPropertyException("seestack.http.sample-rate", String.valueOf(sampleRate),
				"is not a fraction from 0.0 to 1.0",
				"Set seestack.http.sample-rate to the fraction of requests that are to get an HTTP request item: "
						+ "from 0.0 (none) to 1.0 (every request, the default), such as 0.1 for one in ten.");
	}

	/** The property at fault, such as {@code seestack.trusted-proxies[1]}. */
	String property() {
		return this.property;
	}

	String value() {
		return this.value;
	}

	/** What is wrong with the value, such as {@code is not an IP address or CIDR block}. */
	String problem() {
		return this.problem;
	}

	/** What to do about it. */
	String action() {
		return this.action;
	}

}
