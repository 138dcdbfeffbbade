package io.seestack.spring.autoconfigure.signin;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.web.ClientIpResolver;
import io.seestack.spring.autoconfigure.web.SeeStackWebAutoConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of sign-in tracking in
 * servlet applications with Spring Security: the {@link SeeStackSignInListener}. Off with
 * {@code seestack.security.sign-ins.mode=off} or {@code seestack.security.enabled=false}.
 */
@AutoConfiguration(after = { SeeStackAutoConfiguration.class, SeeStackWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ AbstractAuthenticationEvent.class, SeeStackClient.class, ClientIpResolver.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "seestack.security.enabled", matchIfMissing = true)
@Conditional(OnSignInTrackingCondition.class)
@ConditionalOnBean(SeeStackClient.class)
@EnableConfigurationProperties(SignInProperties.class)
public final class SeeStackSignInAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SeeStackSignInAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	SeeStackSignInListener seeStackSignInListener(SeeStackClient seeStackClient, SignInProperties signInProperties,
			SeeStackProperties properties, ObjectProvider<ClientIpResolver> clientIpResolver, Environment environment) {
		SignInProperties.BruteForce bruteForce = signInProperties.getBruteForce();
		return new SeeStackSignInListener(seeStackClient, signInProperties, salt(signInProperties, properties, environment),
				clientIpResolver.getIfAvailable(() -> ClientIpResolver.from(properties)),
				new ClientIpResolver(properties.getTrustedProxies(), SeeStackProperties.IpCollection.FULL),
				failureWindows(bruteForce), failureWindows(bruteForce));
	}

	private static FailureWindows failureWindows(SignInProperties.BruteForce bruteForce) {
		return new FailureWindows(bruteForce.getThreshold(), bruteForce.getWindow(), FailureWindows.MAX_KEYS,
				System::nanoTime);
	}

	/** The salt given, else one that every instance of the deployment shares: its API key, else its name. */
	static String salt(SignInProperties signIn, SeeStackProperties properties, Environment environment) {
		String salt = signIn.getSalt();
		if (StringUtils.hasText(salt) && salt.contains("${")) {
			// never the value: it is a secret
			logger.warn("SeeStack ignores seestack.security.sign-ins.salt: it holds a placeholder that nothing "
					+ "resolves, so the salt is derived from the API key instead");
		}
		else if (StringUtils.hasText(salt)) {
			return salt;
		}
		String apiKey = properties.getApiKey();
		if (StringUtils.hasText(apiKey)) {
			return apiKey;
		}
		@Nullable String name = environment.getProperty("spring.application.name");
		return (name != null) ? name : "application";
	}

}
