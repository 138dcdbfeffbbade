package io.seestack;

import org.jspecify.annotations.Nullable;

/**
 * {@link SeeStackOptions.Builder#build()} refused an option. {@link #option()} names it exactly as the builder
 * method that sets it, so that an integration can point at its own setting for that option (the Spring Boot starter
 * names the {@code seestack.*} property) from a table rather than by parsing the message or by trial and error. It
 * stays an {@link IllegalArgumentException} so that code that caught that before still catches it.
 *
 * <p>The message and {@link #value()} are safe to log and show: they never carry the API key, and the user info of
 * a URL ({@code https://user:password@...}) is masked in them.
 */
public final class SeeStackConfigurationException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String option;

	private final @Nullable String value;

	private final @Nullable String relatedOption;

	SeeStackConfigurationException(String option, @Nullable String value, @Nullable String relatedOption,
			String message, @Nullable Throwable cause) {
		super(message, cause);
		this.option = option;
		this.value = value;
		this.relatedOption = relatedOption;
	}

	/**
	 * The option to change, named as its {@link SeeStackOptions.Builder} method, such as {@code host} or
	 * {@code flushInterval}. When a check depends on two options, this is the one that should change, and
	 * {@link #relatedOption()} is the other.
	 */
	public String option() {
		return this.option;
	}

	/**
	 * The refused value as it was given to the builder, or {@code null} when there is none to show: always for the
	 * API key, which must not leak into logs even when it is the wrong one.
	 */
	public @Nullable String value() {
		return this.value;
	}

	/**
	 * The other option whose value made {@link #option()} invalid, or {@code null} when the option is invalid on
	 * its own: {@code environment} when plain http is refused for a remote host in production, where the host is
	 * what should change but the reason lies in the environment.
	 */
	public @Nullable String relatedOption() {
		return this.relatedOption;
	}

}
