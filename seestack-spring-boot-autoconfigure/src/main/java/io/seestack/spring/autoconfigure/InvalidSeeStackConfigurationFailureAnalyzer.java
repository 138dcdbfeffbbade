package io.seestack.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by invalid {@code seestack.*} properties: which property, which value, why,
 * and what to set instead. Registered in {@code META-INF/spring.factories}.
 */
class InvalidSeeStackConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidSeeStackConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSeeStackConfigurationException cause) {
		String description = (cause.getProperty() != null)
				? "Invalid SeeStack configuration: property '" + cause.getProperty() + "' has the value '"
						+ cause.getValue() + "'.\n\nReason: " + cause.getMessage()
				: "Invalid SeeStack options, set by a SeeStackOptionsCustomizer.\n\nReason: " + cause.getMessage();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
