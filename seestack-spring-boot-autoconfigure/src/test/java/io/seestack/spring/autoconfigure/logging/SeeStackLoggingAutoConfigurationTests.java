package io.seestack.spring.autoconfigure.logging;

import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

class SeeStackLoggingAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class,
				SeeStackLoggingAutoConfiguration.class));

	@Test
	void putsTheUserInTheMdcAndCarriesTheContextIntoTasksByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackMdc.class).hasSingleBean(SeeStackTaskDecorator.class);
			FilterRegistrationBean<?> registration = context.getBean(
					SeeStackLoggingAutoConfiguration.MDC_FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(SeeStackMdcFilter.class);
			assertThat(registration.getOrder()).isEqualTo(-98);
		});
	}

	@Test
	void registersTheMdcFilterJustAfterTheUserFilterWhateverSpringSecuritysOrder() {
		this.contextRunner.withPropertyValues("spring.security.filter.order=5")
			.run((context) -> assertThat(context.getBean(
					SeeStackLoggingAutoConfiguration.MDC_FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
				.getOrder()).isEqualTo(7));
	}

	@Test
	void leavesTheMdcAloneWhenSwitchedOffButStillCarriesTheContextIntoTasks() {
		this.contextRunner.withPropertyValues("seestack.mdc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackMdc.class)
				.doesNotHaveBean(SeeStackLoggingAutoConfiguration.MDC_FILTER_REGISTRATION_BEAN_NAME)
				.hasSingleBean(SeeStackTaskDecorator.class));
	}

	@Test
	void backsOffFromAUserDefinedTaskDecoratorOfItsTypeAndLeavesOtherDecoratorsAlone() {
		TaskDecorator application = (runnable) -> runnable;
		this.contextRunner.withBean("applicationDecorator", TaskDecorator.class, () -> application)
			.run((context) -> assertThat(context.getBeansOfType(TaskDecorator.class)).hasSize(2)
				.containsKeys("applicationDecorator", "seeStackTaskDecorator"));
	}

	@Test
	void registersNoFilterOutsideAServletApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackLoggingAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackMdc.class)
				.doesNotHaveBean(SeeStackLoggingAutoConfiguration.MDC_FILTER_REGISTRATION_BEAN_NAME));
	}

	@Test
	void isOffWithoutSlf4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MDC.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackMdc.class)
				.doesNotHaveBean(SeeStackTaskDecorator.class));
	}

	@Test
	void isOffWhenSeeStackIsOff() {
		this.contextRunner.withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackMdc.class)
				.doesNotHaveBean(SeeStackTaskDecorator.class));
	}

}
