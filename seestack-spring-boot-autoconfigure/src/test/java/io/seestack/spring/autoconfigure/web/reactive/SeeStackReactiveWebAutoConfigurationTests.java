package io.seestack.spring.autoconfigure.web.reactive;

import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import io.seestack.spring.autoconfigure.web.ClientIpResolver;
import io.seestack.spring.autoconfigure.web.CompletedRequest;
import io.seestack.spring.autoconfigure.web.SeeStackExceptionCapture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackReactiveWebAutoConfiguration}.
 */
class SeeStackReactiveWebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SeeStackAutoConfiguration.class,
			SeeStackReactiveWebAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void registersTheWebFilterBeforeSpringSecurityAndTurnsOnReactorsContextPropagation() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackWebFilter.class)
				.hasSingleBean(ClientIpResolver.class)
				.hasSingleBean(SeeStackServerHttpRequestCapture.class)
				.hasSingleBean(SeeStackExceptionCapture.class)
				.hasSingleBean(SeeStackReactiveWebAutoConfiguration.ContextPropagationConfiguration.class)
				.hasSingleBean(SeeStackExceptionHandlerPostProcessor.class);
			assertThat(context.getBean(SeeStackWebFilter.class).getOrder()).isLessThan(-100);
			assertThat(context.getBean(ClientIpResolver.class).collection()).isEqualTo(IpCollection.NONE);
		});
	}

	@Test
	void turnsOnReactorsContextPropagationEvenWithLazyInitialization() {
		String configuration = SeeStackReactiveWebAutoConfiguration.ContextPropagationConfiguration.class.getName();
		this.contextRunner
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(
					new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				assertThat(context.getBeanFactory().getBeanDefinition(configuration).isLazyInit()).isFalse();
				assertThat(context.getBeanFactory().containsSingleton(configuration)).isTrue();
				String webFilter = context.getBeanNamesForType(SeeStackWebFilter.class)[0];
				assertThat(context.getBeanFactory().getBeanDefinition(webFilter).isLazyInit())
					.as("lazy initialization is on").isTrue();
			});
	}

	@Test
	void leavesReactorsContextPropagationAloneWhenToldTo() {
		this.contextRunner.withPropertyValues("seestack.reactor.context-propagation=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackWebFilter.class)
				.doesNotHaveBean(SeeStackReactiveWebAutoConfiguration.ContextPropagationConfiguration.class)
				.doesNotHaveBean(SeeStackExceptionHandlerPostProcessor.class));
	}

	@Test
	void seesNoExceptionHandlersWithoutSpringWebFluxsDispatcher() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherHandler.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackWebFilter.class)
				.hasSingleBean(SeeStackExceptionCapture.class)
				.doesNotHaveBean(SeeStackExceptionHandlerPostProcessor.class));
	}

	@Test
	void leavesReactorsContextPropagationAloneWithoutMicrometersContextPropagation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.context"))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackWebFilter.class)
				.doesNotHaveBean(SeeStackReactiveWebAutoConfiguration.ContextPropagationConfiguration.class));
	}

	@Test
	void usesTheApplicationsOwnCaptures() {
		SeeStackExceptionCapture exceptions = (request) -> {
		};
		SeeStackServerHttpRequestCapture items = new SeeStackServerHttpRequestCapture() {

			@Override
			public boolean isMonitored(ServerWebExchange exchange) {
				return false;
			}

			@Override
			public void capture(CompletedRequest request) {
			}

		};
		this.contextRunner.withBean(SeeStackExceptionCapture.class, () -> exceptions)
			.withBean(SeeStackServerHttpRequestCapture.class, () -> items)
			.run((context) -> {
				assertThat(context.getBean(SeeStackExceptionCapture.class)).isSameAs(exceptions);
				assertThat(context.getBean(SeeStackServerHttpRequestCapture.class)).isSameAs(items);
			});
	}

	@Test
	void capturesNoExceptionsWhenTheyAreOff() {
		this.contextRunner.withPropertyValues("seestack.exceptions.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackWebFilter.class)
				.doesNotHaveBean(SeeStackExceptionCapture.class)
				.doesNotHaveBean(SeeStackExceptionHandlerPostProcessor.class));
	}

	@Test
	void isOffWhenSeeStackIsOff() {
		this.contextRunner.withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackWebFilter.class));
	}

	@Test
	void isOffWithoutReactor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("reactor.core"))
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackWebFilter.class));
	}

	@Test
	void isOffInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackWebFilter.class));
	}

}
