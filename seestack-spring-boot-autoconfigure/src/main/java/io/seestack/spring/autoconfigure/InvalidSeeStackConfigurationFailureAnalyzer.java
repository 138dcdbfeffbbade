package io.seestack.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by invalid {@code seestack.*} properties: which property, which value, why,
 * and what to set instead; or, when a {@link SeeStackOptionsCustomizer} set the refused value, which option; or
 * that the API key that {@code seestack.require-api-key} asks for is missing, and how to provide it.
 * Registered in {@code META-INF/spring.factories}.
 */
class InvalidSeeStackConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidSeeStackConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSeeStackConfigurationException cause) {
		String description = cause.getDescription();
		if (description == null) {
			description = (cause.getProperty() != null)
					? "Invalid SeeStack configuration: property '" + cause.getProperty() + "'" + shown(cause.getValue())
					: "Invalid SeeStack options, set by a SeeStackOptionsCustomizer: option '" + cause.getOption()
							+ "'" + shown(cause.getValue());
		}
		return new FailureAnalysis(description + "\n\nReason: " + cause.getMessage(), cause.getAction(), cause);
	}

	/** The value, when there is one to show: the API key never is. */
	private static String shown(@Nullable String value) {
		return (value != null) ? " has the value '" + value + "'." : " is invalid.";
	}

}
