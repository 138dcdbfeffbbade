package io.seestack.spring.autoconfigure.security.reactive;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.security.DefaultSeeStackUserResolver;
import io.seestack.spring.autoconfigure.security.SeeStackUserResolver;
import io.seestack.spring.autoconfigure.web.reactive.SeeStackReactiveWebAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.WebFilter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of who the user of a
 * WebFlux exchange is, from reactive Spring Security: the {@link SeeStackUserResolver} (the servlet side's), the
 * {@link SeeStackServerUserFilter} right after Spring Security's {@code WebFilterChainProxy}, and the
 * {@link SeeStackServerLoginFilter} right before it. Off with {@code seestack.security.enabled=false}.
 */
@AutoConfiguration(after = { SeeStackAutoConfiguration.class, SeeStackReactiveWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ ReactiveSecurityContextHolder.class, WebFilterChainProxy.class, WebFilter.class,
		SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "seestack.security.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
public final class SeeStackReactiveSecurityAutoConfiguration {

	/**
	 * The order of Spring Security's {@code WebFilterChainProxy} in a WebFlux application
	 * ({@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}).
	 */
	static final int SECURITY_WEB_FILTER_ORDER = -100;

	@Bean
	@ConditionalOnMissingBean
	SeeStackUserResolver seeStackUserResolver(SeeStackProperties properties,
			ObjectProvider<AuthenticationTrustResolver> trustResolver) {
		SeeStackProperties.User user = properties.getUser();
		return new DefaultSeeStackUserResolver(properties.isSendDefaultPii(), user.getIdClaim(), user.getEmailClaim(),
				user.getUsernameClaim(), trustResolver.getIfAvailable(AuthenticationTrustResolverImpl::new));
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackServerUserFilter seeStackServerUserFilter(SeeStackClient seeStackClient,
			SeeStackUserResolver seeStackUserResolver) {
		return new SeeStackServerUserFilter(seeStackClient, seeStackUserResolver, SECURITY_WEB_FILTER_ORDER + 1);
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackServerLoginFilter seeStackServerLoginFilter(SeeStackClient seeStackClient,
			SeeStackUserResolver seeStackUserResolver) {
		return new SeeStackServerLoginFilter(seeStackClient, seeStackUserResolver, SECURITY_WEB_FILTER_ORDER - 1);
	}

}
