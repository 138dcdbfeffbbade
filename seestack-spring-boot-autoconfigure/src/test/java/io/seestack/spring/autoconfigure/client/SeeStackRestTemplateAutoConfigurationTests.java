package io.seestack.spring.autoconfigure.client;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackRestTemplateAutoConfiguration}.
 */
class SeeStackRestTemplateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class,
				RestTemplateAutoConfiguration.class, SeeStackRestTemplateAutoConfiguration.class))
		.withPropertyValues(SeeStackRestClientAutoConfigurationTests.PROJECT_ID);

	@Test
	void addsTheInterceptorFirstToTheRestTemplatesOfBootsBuilder() {
		ClientHttpRequestInterceptor own = (request, body, execution) -> execution.execute(request, body);
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class)
				.hasBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME);
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).interceptors(own).build();
			assertThat(restTemplate.getInterceptors())
				.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class), own);
		});
	}

	@Test
	void addsTheInterceptorOnceHoweverOftenATemplateIsCustomized() {
		this.contextRunner.run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
			context.getBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME, RestTemplateCustomizer.class)
				.customize(restTemplate);
			assertThat(restTemplate.getInterceptors()).hasSize(1);
		});
	}

	@Test
	void sharesOneInterceptorWithTheRestClientAutoConfiguration() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					SeeStackRestClientAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackClientHttpRequestInterceptor.class);
				SeeStackClientHttpRequestInterceptor interceptor = context
					.getBean(SeeStackClientHttpRequestInterceptor.class);
				assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
					.containsExactly(interceptor);
				assertThat(SeeStackRestClientAutoConfigurationTests
					.interceptors(context.getBean(RestClient.Builder.class))).containsExactly(interceptor);
			});
	}

	@Test
	void appliesTheApplicationsOwnCustomizerBesideItsOwn() {
		ClientHttpRequestInterceptor own = (request, body, execution) -> execution.execute(request, body);
		this.contextRunner
			.withBean("applicationRestTemplateCustomizer", RestTemplateCustomizer.class,
					() -> (restTemplate) -> restTemplate.getInterceptors().add(own))
			.run((context) -> assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
				.containsExactlyInAnyOrder(context.getBean(SeeStackClientHttpRequestInterceptor.class), own));
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
			.run((context) -> assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
				.containsExactly(custom));
	}

	@Test
	void isOffWithoutAProjectId() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class,
					RestTemplateAutoConfiguration.class, SeeStackRestTemplateAutoConfiguration.class))
			.run(this::assertOff);
	}

	@Test
	void isOffWhenOutboundItemsAreDisabled() {
		this.contextRunner.withPropertyValues("seestack.http.outbound.enabled=false").run(this::assertOff);
	}

	@Test
	void isOffWhenSeeStackIsDisabled() {
		this.contextRunner.withPropertyValues("seestack.enabled=false").run(this::assertOff);
	}

	@Test
	void isOffWithoutRestTemplate() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestTemplate.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SeeStackClientHttpRequestInterceptor.class)
				.doesNotHaveBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME));
	}

	@Test
	void isOffWithoutBootsRestClientModule() {
		// Without the module, Boot's own auto-configuration of the client is absent too.
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackRestTemplateAutoConfiguration.class))
			.withPropertyValues(SeeStackRestClientAutoConfigurationTests.PROJECT_ID)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.restclient"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SeeStackClientHttpRequestInterceptor.class)
				.doesNotHaveBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME));
	}

	@Test
	void keepsTheRestTemplateWhenRestClientIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.run((context) -> assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors())
				.containsExactly(context.getBean(SeeStackClientHttpRequestInterceptor.class)));
	}

	private void assertOff(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(SeeStackClientHttpRequestInterceptor.class)
			.doesNotHaveBean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME);
		assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).isEmpty();
	}

}
