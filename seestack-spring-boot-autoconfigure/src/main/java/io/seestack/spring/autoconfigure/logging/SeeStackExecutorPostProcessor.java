package io.seestack.spring.autoconfigure.logging;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.ReflectionUtils;

/**
 * Adds the {@link SeeStackTaskDecorator} to the executors and schedulers an application defines itself
 * ({@link ThreadPoolTaskExecutor}, {@link ThreadPoolTaskScheduler}, {@link SimpleAsyncTaskExecutor}), composed
 * after the decorator the bean already has, before the bean is initialised. Those built by Spring Boot's builders
 * have it already and are left as they are.
 *
 * <p>Spring offers no getter for an executor's decorator, so the one set is read from its field; should a future
 * Spring rename it, the bean is left alone (and the SeeStack context then reaches its tasks only through
 * {@code SeeStack.wrap}), never given a decorator that drops the application's.
 */
public class SeeStackExecutorPostProcessor implements BeanPostProcessor {

	static final String DECORATOR_FIELD = "taskDecorator";

	static final String COMPOSITE_DECORATORS_FIELD = "taskDecorators";

	private static final Log logger = LogFactory.getLog(SeeStackExecutorPostProcessor.class);

	private final ObjectProvider<SeeStackTaskDecorator> decorator;

	public SeeStackExecutorPostProcessor(ObjectProvider<SeeStackTaskDecorator> decorator) {
		this.decorator = decorator;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ThreadPoolTaskExecutor executor) {
			decorate(executor, beanName, executor::setTaskDecorator);
		}
		else if (bean instanceof ThreadPoolTaskScheduler scheduler) {
			decorate(scheduler, beanName, scheduler::setTaskDecorator);
		}
		else if (bean instanceof SimpleAsyncTaskExecutor executor) {
			decorate(executor, beanName, executor::setTaskDecorator);
		}
		return bean;
	}

	private void decorate(Object executor, String beanName, java.util.function.Consumer<TaskDecorator> setter) {
		SeeStackTaskDecorator seeStack = this.decorator.getIfAvailable();
		if (seeStack == null) {
			return;
		}
		Field field = ReflectionUtils.findField(executor.getClass(), DECORATOR_FIELD, TaskDecorator.class);
		if (field == null) {
			logger.debug("SeeStack could not read the task decorator of '" + beanName + "'; left as it is");
			return;
		}
		ReflectionUtils.makeAccessible(field);
		TaskDecorator current = (TaskDecorator) ReflectionUtils.getField(field, executor);
		if (current == null) {
			setter.accept(seeStack);
		}
		else if (!contains(current, seeStack)) {
			setter.accept(new CompositeTaskDecorator(List.of(current, seeStack)));
		}
	}

	private static boolean contains(TaskDecorator current, SeeStackTaskDecorator seeStack) {
		if (current == seeStack || current instanceof SeeStackTaskDecorator) {
			return true;
		}
		if (current instanceof CompositeTaskDecorator composite) {
			for (TaskDecorator decorator : decorators(composite)) {
				if (contains(decorator, seeStack)) {
					return true;
				}
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private static List<TaskDecorator> decorators(CompositeTaskDecorator composite) {
		Field field = ReflectionUtils.findField(CompositeTaskDecorator.class, COMPOSITE_DECORATORS_FIELD, List.class);
		if (field == null) {
			return new ArrayList<>();
		}
		ReflectionUtils.makeAccessible(field);
		@Nullable Object value = ReflectionUtils.getField(field, composite);
		return (value instanceof List<?> list) ? (List<TaskDecorator>) list : new ArrayList<>();
	}

}
