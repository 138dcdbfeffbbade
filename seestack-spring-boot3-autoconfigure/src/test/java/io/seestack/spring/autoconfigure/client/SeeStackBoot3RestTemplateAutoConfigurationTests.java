package io.seestack.spring.autoconfigure.client;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.AllAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackBoot3RestTemplateAutoConfiguration}, on Boot 3.5.
 */
class SeeStackBoot3RestTemplateAutoConfigurationTests extends OutboundAutoConfigurationConditionTests {

	private final ApplicationContextRunner contextRunner = contextRunner();

	@Override
	Class<?> clientAutoConfiguration() {
		return RestTemplateAutoConfiguration.class;
	}

	@Override
	Class<?> seeStackAutoConfiguration() {
		return SeeStackBoot3RestTemplateAutoConfiguration.class;
	}

	@Override
	Class<?> clientType() {
		return RestTemplate.class;
	}

	@Override
	Class<?> boot3Customizer() {
		return RestTemplateCustomizer.class;
	}

	@Test
	void addsTheInterceptorToTheRestTemplatesOfBootsBuilder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class)
				.hasBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME);
			assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
				.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class));
		});
	}

	@Test
	void putsTheInterceptorFirstAndOnceHoweverOftenARestTemplateIsCustomized() {
		ClientHttpRequestInterceptor own = (request, body, execution) -> execution.execute(request, body);
		this.contextRunner.run((context) -> {
			RestTemplate restTemplate = new RestTemplate();
			restTemplate.getInterceptors().add(own);
			RestTemplateCustomizer customizer = context
				.getBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME, RestTemplateCustomizer.class);
			customizer.customize(restTemplate);
			customizer.customize(restTemplate);
			assertThat(restTemplate.getInterceptors())
				.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class), own);
		});
	}

	@Test
	void backsOffFromACustomizerOfItsName() {
		this.contextRunner
			.withBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME, RestTemplateCustomizer.class,
					() -> (restTemplate) -> {
					})
			.run((context) -> assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
				.isEmpty());
	}

	@Test
	void usesTheApplicationsInterceptorBean() {
		SeeStackClientHttpRequestInterceptor custom = new SeeStackClientHttpRequestInterceptor(SeeStackClient.noop(),
				null, true);
		this.contextRunner.withBean("customInterceptor", SeeStackClientHttpRequestInterceptor.class, () -> custom)
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class);
				assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
					.containsExactly(custom);
			});
	}

	@Test
	void sharesOneInterceptorWithTheRestClientCustomizer() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					SeeStackBoot3RestClientAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class)
				.hasBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME)
				.hasBean(SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME));
	}

	@Test
	void isTheOnlyOneOfTheTwinsInABoot35Application() {
		new ApplicationContextRunner()
			.withUserConfiguration(AllAutoConfigurations.class)
			.withPropertyValues(PROJECT_ID)
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackBoot3RestTemplateAutoConfiguration.class)
					.doesNotHaveBean(SeeStackRestTemplateAutoConfiguration.class);
				assertThat(context.getBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME))
					.isInstanceOf(RestTemplateCustomizer.class);
				assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
					.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class));
			});
	}

	@Override
	void assertOff(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(SeeStackClientHttpRequestInterceptor.class)
			.doesNotHaveBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME);
		if (context.getBeanNamesForType(RestTemplateBuilder.class).length > 0) {
			assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).isEmpty();
		}
	}

}
