package io.seestack.spring.autoconfigure.security;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.web.SeeStackWebAutoConfiguration;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of who the user of a
 * request is, from Spring Security: the {@link SeeStackUserResolver}, the {@link SeeStackUserFilter} right after
 * Spring Security's filter chain, and the {@link SeeStackAuthenticationListener} for login and logout. Off with
 * {@code seestack.security.enabled=false}.
 */
@AutoConfiguration(after = { SeeStackAutoConfiguration.class, SeeStackWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Authentication.class, SecurityFilterChain.class, FilterRegistrationBean.class,
		SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "seestack.security.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
public final class SeeStackSecurityAutoConfiguration {

	/** The name of the registration of {@link SeeStackUserFilter}; a bean of this name replaces it. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "seeStackUserFilterRegistration";

	/** Spring Boot's default order of Spring Security's filter chain, {@code spring.security.filter.order}. */
	static final int DEFAULT_SECURITY_FILTER_ORDER = -100;

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
	SeeStackUserFilter seeStackUserFilter(SeeStackClient seeStackClient, SeeStackUserResolver seeStackUserResolver,
			ObjectProvider<SecurityContextHolderStrategy> securityContextHolderStrategy) {
		return new SeeStackUserFilter(seeStackClient, seeStackUserResolver,
				securityContextHolderStrategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy));
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<SeeStackUserFilter> seeStackUserFilterRegistration(SeeStackUserFilter filter,
			Environment environment) {
		FilterRegistrationBean<SeeStackUserFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("seeStackUserFilter");
		registration.setOrder(
				environment.getProperty("spring.security.filter.order", Integer.class, DEFAULT_SECURITY_FILTER_ORDER)
						+ 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setAsyncSupported(true);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackAuthenticationListener seeStackAuthenticationListener(SeeStackClient seeStackClient,
			SeeStackUserResolver seeStackUserResolver) {
		return new SeeStackAuthenticationListener(seeStackClient, seeStackUserResolver);
	}

}
