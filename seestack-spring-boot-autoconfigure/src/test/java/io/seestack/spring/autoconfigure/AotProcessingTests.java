package io.seestack.spring.autoconfigure;

import io.seestack.spring.autoconfigure.actuate.SeeStackEndpoint;
import io.seestack.spring.autoconfigure.actuate.SeeStackEndpointAutoConfiguration;
import io.seestack.spring.autoconfigure.logging.SeeStackLoggingAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.javapoet.ClassName;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.reflection;

/**
 * The starter processed ahead of time as Spring Boot's AOT step does it: what a native image needs to reach by
 * reflection (the properties it binds, the endpoint it exposes, the executor fields the task decorator reads) is
 * registered, by the starter's own registrar or by Spring's processors.
 */
class AotProcessingTests {

	@Test
	void registersEverythingTheStarterReachesByReflection() {
		RuntimeHints hints = processAheadOfTime();

		assertThat(reflection().onType(SeeStackProperties.class)).accepts(hints);
		assertThat(reflection().onMethodInvocation(SeeStackEndpoint.class, "seestack")).accepts(hints);
		assertThat(reflection().onType(SeeStackEndpoint.SeeStackDescriptor.class)).accepts(hints);
		assertThat(reflection().onFieldAccess(ThreadPoolTaskExecutor.class, "taskDecorator")).accepts(hints);
		assertThat(reflection().onFieldAccess(ThreadPoolTaskScheduler.class, "taskDecorator")).accepts(hints);
		assertThat(reflection().onFieldAccess(CompositeTaskDecorator.class, "taskDecorators")).accepts(hints);
	}

	private static RuntimeHints processAheadOfTime() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of("seestack.local.enabled=true", "management.endpoints.web.exposure.include=seestack")
				.applyTo(context);
			context.register(SeeStackAutoConfiguration.class, SeeStackLoggingAutoConfiguration.class,
					SeeStackEndpointAutoConfiguration.class);
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(AotProcessingTests.class)), new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			return generation.getRuntimeHints();
		}
	}

}
