package io.seestack.spring.autoconfigure.client;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when outbound HTTP items can be sent: {@code seestack.http.outbound.enabled} is not false and
 * {@code seestack.project-id} has a value (the ingest API needs it for HTTP items). Without it no interceptor is
 * added at all, so the clients keep streaming their request bodies.
 */
class OnOutboundMonitoringCondition extends SpringBootCondition {

	static final String ENABLED = "seestack.http.outbound.enabled";

	static final String PROJECT_ID = "seestack.project-id";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("SeeStack outbound HTTP monitoring");
		Environment environment = context.getEnvironment();
		if (!environment.getProperty(ENABLED, Boolean.class, true)) {
			return ConditionOutcome.noMatch(message.because(ENABLED + " is false"));
		}
		if (!StringUtils.hasText(environment.getProperty(PROJECT_ID))) {
			return ConditionOutcome.noMatch(message.because("no " + PROJECT_ID + " is set"));
		}
		return ConditionOutcome.match(message.because(PROJECT_ID + " is set and " + ENABLED + " is not false"));
	}

}
