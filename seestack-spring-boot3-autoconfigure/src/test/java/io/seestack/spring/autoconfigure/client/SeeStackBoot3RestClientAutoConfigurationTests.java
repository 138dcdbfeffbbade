package io.seestack.spring.autoconfigure.client;

import java.util.ArrayList;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.AllAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackBoot3RestClientAutoConfiguration}, on Boot 3.5.
 */
class SeeStackBoot3RestClientAutoConfigurationTests extends OutboundAutoConfigurationConditionTests {

	private final ApplicationContextRunner contextRunner = contextRunner();

	@Override
	Class<?> clientAutoConfiguration() {
		return RestClientAutoConfiguration.class;
	}

	@Override
	Class<?> seeStackAutoConfiguration() {
		return SeeStackBoot3RestClientAutoConfiguration.class;
	}

	@Override
	Class<?> clientType() {
		return RestClient.class;
	}

	@Override
	Class<?> boot3Customizer() {
		return RestClientCustomizer.class;
	}

	@Test
	void addsTheInterceptorToTheRestClientsOfBootsBuilder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class)
				.hasBean(SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME);
			assertThat(interceptors(context.getBean(RestClient.Builder.class)))
				.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class));
		});
	}

	@Test
	void putsTheInterceptorFirstAndOnceHoweverOftenABuilderIsCustomized() {
		ClientHttpRequestInterceptor own = (request, body, execution) -> execution.execute(request, body);
		this.contextRunner.run((context) -> {
			RestClient.Builder builder = RestClient.builder().requestInterceptor(own);
			RestClientCustomizer customizer = context.getBean(SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME,
					RestClientCustomizer.class);
			customizer.customize(builder);
			customizer.customize(builder);
			assertThat(interceptors(builder))
				.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class), own);
		});
	}

	@Test
	void backsOffFromACustomizerOfItsName() {
		this.contextRunner
			.withBean(SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME, RestClientCustomizer.class,
					() -> (builder) -> {
					})
			.run((context) -> assertThat(interceptors(context.getBean(RestClient.Builder.class))).isEmpty());
	}

	@Test
	void usesTheApplicationsInterceptorBean() {
		SeeStackClientHttpRequestInterceptor custom = new SeeStackClientHttpRequestInterceptor(SeeStackClient.noop(),
				null, true);
		this.contextRunner.withBean("customInterceptor", SeeStackClientHttpRequestInterceptor.class, () -> custom)
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class);
				assertThat(interceptors(context.getBean(RestClient.Builder.class))).containsExactly(custom);
			});
	}

	@Test
	void isTheOnlyOneOfTheTwinsInABoot35Application() {
		new ApplicationContextRunner().withUserConfiguration(AllAutoConfigurations.class)
			.withPropertyValues(PROJECT_ID)
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class)
					.hasSingleBean(SeeStackBoot3RestClientAutoConfiguration.class)
					.doesNotHaveBean(SeeStackRestClientAutoConfiguration.class);
				assertThat(context.getBean(SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME))
					.isInstanceOf(RestClientCustomizer.class);
				assertThat(interceptors(context.getBean(RestClient.Builder.class)))
					.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class));
			});
	}

	@Override
	void assertOff(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(SeeStackClientHttpRequestInterceptor.class)
			.doesNotHaveBean(SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME);
		if (context.getBeanNamesForType(RestClient.Builder.class).length > 0) {
			assertThat(interceptors(context.getBean(RestClient.Builder.class))).isEmpty();
		}
	}

	static List<ClientHttpRequestInterceptor> interceptors(RestClient.Builder builder) {
		List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
		builder.requestInterceptors(interceptors::addAll);
		return interceptors;
	}

}
