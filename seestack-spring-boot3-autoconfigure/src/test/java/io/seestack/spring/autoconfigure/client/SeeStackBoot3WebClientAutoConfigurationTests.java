package io.seestack.spring.autoconfigure.client;

import java.util.ArrayList;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.AllAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackBoot3WebClientAutoConfiguration}, on Boot 3.5.
 */
class SeeStackBoot3WebClientAutoConfigurationTests extends OutboundAutoConfigurationConditionTests {

	private final ApplicationContextRunner contextRunner = contextRunner();

	@Override
	Class<?> clientAutoConfiguration() {
		return WebClientAutoConfiguration.class;
	}

	@Override
	Class<?> seeStackAutoConfiguration() {
		return SeeStackBoot3WebClientAutoConfiguration.class;
	}

	@Override
	Class<?> clientType() {
		return WebClient.class;
	}

	@Override
	Class<?> boot3Customizer() {
		return WebClientCustomizer.class;
	}

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
	void putsTheFilterFirstAndOnceHoweverOftenABuilderIsCustomized() {
		ExchangeFilterFunction own = (request, next) -> next.exchange(request);
		this.contextRunner.run((context) -> {
			WebClient.Builder builder = WebClient.builder().filter(own);
			WebClientCustomizer customizer = context.getBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME,
					WebClientCustomizer.class);
			customizer.customize(builder);
			customizer.customize(builder);
			assertThat(filters(builder)).containsExactly(context.getBean(SeeStackExchangeFilterFunction.class), own);
		});
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
	void isTheOnlyOneOfTheTwinsInABoot35Application() {
		new ApplicationContextRunner()
			.withUserConfiguration(AllAutoConfigurations.class)
			.withPropertyValues(PROJECT_ID)
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackBoot3WebClientAutoConfiguration.class)
					.doesNotHaveBean(SeeStackWebClientAutoConfiguration.class);
				assertThat(context.getBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME))
					.isInstanceOf(WebClientCustomizer.class);
				assertThat(filters(context.getBean(WebClient.Builder.class)))
					.containsExactly(context.getBean(SeeStackExchangeFilterFunction.class));
			});
	}

	@Override
	void assertOff(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(SeeStackExchangeFilterFunction.class)
			.doesNotHaveBean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME);
		if (context.getBeanNamesForType(WebClient.Builder.class).length > 0) {
			assertThat(filters(context.getBean(WebClient.Builder.class))).isEmpty();
		}
	}

	private static List<ExchangeFilterFunction> filters(WebClient.Builder builder) {
		List<ExchangeFilterFunction> filters = new ArrayList<>();
		builder.filters(filters::addAll);
		return filters;
	}

}
