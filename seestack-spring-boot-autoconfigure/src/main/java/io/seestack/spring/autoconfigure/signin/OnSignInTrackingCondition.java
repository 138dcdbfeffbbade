package io.seestack.spring.autoconfigure.signin;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code seestack.security.sign-ins.mode} is {@code off}.
 */
class OnSignInTrackingCondition extends SpringBootCondition {

	static final String MODE = "seestack.security.sign-ins.mode";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("SeeStack sign-in tracking");
		String mode = context.getEnvironment().getProperty(MODE, "anonymize");
		if ("off".equalsIgnoreCase(mode.strip())) {
			return ConditionOutcome.noMatch(message.because(MODE + " is off"));
		}
		return ConditionOutcome.match(message.because(MODE + " is " + mode));
	}

}
