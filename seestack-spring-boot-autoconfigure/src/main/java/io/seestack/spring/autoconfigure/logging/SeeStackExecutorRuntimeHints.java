package io.seestack.spring.autoconfigure.logging;

import java.lang.reflect.Field;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.ReflectionUtils;

/**
 * The fields {@link SeeStackExecutorPostProcessor} reads in a native image: each executor's task decorator, and
 * the decorators inside a {@link CompositeTaskDecorator}. Everything else the starter reaches reflectively (its
 * properties, the endpoint, the {@code spring.factories} entries) is registered by Spring's own AOT processing.
 */
class SeeStackExecutorRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> executor : List.of(ThreadPoolTaskExecutor.class, ThreadPoolTaskScheduler.class,
				SimpleAsyncTaskExecutor.class)) {
			register(hints, ReflectionUtils.findField(executor, SeeStackExecutorPostProcessor.DECORATOR_FIELD,
					TaskDecorator.class));
		}
		register(hints, ReflectionUtils.findField(CompositeTaskDecorator.class,
				SeeStackExecutorPostProcessor.COMPOSITE_DECORATORS_FIELD, List.class));
	}

	private static void register(RuntimeHints hints, @Nullable Field field) {
		if (field != null) {
			hints.reflection().registerField(field);
		}
	}

}
