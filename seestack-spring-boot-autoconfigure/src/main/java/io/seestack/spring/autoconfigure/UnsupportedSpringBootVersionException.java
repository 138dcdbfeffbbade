package io.seestack.spring.autoconfigure;

import java.util.List;

/** The application runs a Spring Boot line that this version of SeeStack does not support. */
public class UnsupportedSpringBootVersionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String version;

	private final List<String> supportedLines;

	UnsupportedSpringBootVersionException(String version, List<String> supportedLines) {
		super("SeeStack supports Spring Boot " + lines(supportedLines) + "; this application runs Spring Boot "
				+ version);
		this.version = version;
		this.supportedLines = List.copyOf(supportedLines);
	}

	/** The Spring Boot version the application runs. */
	public String getVersion() {
		return this.version;
	}

	/** The supported Spring Boot lines, as {@code major.minor}. */
	public List<String> getSupportedLines() {
		return this.supportedLines;
	}

	static String lines(List<String> lines) {
		return String.join(".x, ", lines.subList(0, lines.size() - 1)) + ".x and " + lines.get(lines.size() - 1)
				+ ".x";
	}

}
