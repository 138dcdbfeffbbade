package io.seestack.spring.autoconfigure.client;

import java.util.ArrayList;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackWebClientAutoConfiguration}.
 */
class SeeStackWebClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, WebClientAutoConfiguration.class,
				SeeStackWebClientAutoConfiguration.class))
		.withPropertyValues(SeeStackRestClientAutoConfigurationTests.PROJECT_ID);

	@Test
	void addsTheFilterToTheWebClientsOfBootsBuilder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackExchangeFilterFunction.class)
				.hasBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME);
			assertThat(filters(context.getBean(WebClient.Builder.class)))
				.containsExactly(context.getBean(SeeStackExchangeFilterFunction.class));
		});
	}

	@Test
	void putsTheFilterBeforeThoseTheBuilderAlreadyHas() {
		ExchangeFilterFunction own = (request, next) -> next.exchange(request);
		this.contextRunner.run((context) -> {
			WebClient.Builder builder = WebClient.builder().filter(own);
			context.getBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME, WebClientCustomizer.class)
				.customize(builder);
			assertThat(filters(builder)).containsExactly(context.getBean(SeeStackExchangeFilterFunction.class), own);
		});
	}

	@Test
	void addsTheFilterOnceHoweverOftenABuilderIsCustomized() {
		this.contextRunner.run((context) -> {
			WebClient.Builder builder = context.getBean(WebClient.Builder.class);
			WebClientCustomizer customizer = context.getBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME,
					WebClientCustomizer.class);
			customizer.customize(builder);
			customizer.customize(builder);
			assertThat(filters(builder)).hasSize(1);
		});
	}

	@Test
	void appliesTheApplicationsOwnCustomizerBesideItsOwn() {
		ExchangeFilterFunction own = (request, next) -> next.exchange(request);
		this.contextRunner
			.withBean("applicationWebClientCustomizer", WebClientCustomizer.class, () -> (builder) -> builder.filter(own))
			.run((context) -> assertThat(filters(context.getBean(WebClient.Builder.class)))
				.containsExactly(context.getBean(SeeStackExchangeFilterFunction.class), own));
	}

	@Test
	void backsOffFromACustomizerOfItsName() {
		this.contextRunner
			.withBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME, WebClientCustomizer.class,
					() -> (builder) -> {
					})
			.run((context) -> assertThat(filters(context.getBean(WebClient.Builder.class))).isEmpty());
	}

	@Test
	void usesTheApplicationsFilterBean() {
		SeeStackExchangeFilterFunction custom = new SeeStackExchangeFilterFunction(SeeStackClient.noop(), null, true);
		this.contextRunner.withBean("customFilter", SeeStackExchangeFilterFunction.class, () -> custom)
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackExchangeFilterFunction.class);
				assertThat(filters(context.getBean(WebClient.Builder.class))).containsExactly(custom);
			});
	}

	@Test
	void isOffWithoutAProjectId() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, WebClientAutoConfiguration.class,
					SeeStackWebClientAutoConfiguration.class))
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
	void isOffWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SeeStackExchangeFilterFunction.class)
				.doesNotHaveBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME));
	}

	@Test
	void isOffWithoutBootsWebClientModule() {
		// Without the module, Boot's own auto-configuration of the client is absent too.
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackWebClientAutoConfiguration.class))
			.withPropertyValues(SeeStackRestClientAutoConfigurationTests.PROJECT_ID)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.webclient"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SeeStackExchangeFilterFunction.class)
				.doesNotHaveBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME));
	}

	private void assertOff(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(SeeStackExchangeFilterFunction.class)
			.doesNotHaveBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME);
		assertThat(filters(context.getBean(WebClient.Builder.class))).isEmpty();
	}

	private static List<ExchangeFilterFunction> filters(WebClient.Builder builder) {
		List<ExchangeFilterFunction> filters = new ArrayList<>();
		builder.filters(filters::addAll);
		return filters;
	}

}
