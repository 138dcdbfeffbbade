package io.seestack.spring.autoconfigure.scheduling;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;

/**
 * Which {@code @Scheduled} methods send heartbeats, and to which cron monitor. As each bean is initialised it notes
 * the bean's {@code @Scheduled} methods, found as Spring's {@code ScheduledAnnotationBeanPostProcessor} finds them;
 * once every singleton exists (before any task is scheduled) it resolves the {@link SeeStackMonitor} slugs and
 * {@code seestack.scheduling.monitors}, and checks them: a mistake stops startup with an
 * {@link InvalidMonitorException}, so a job is never silently left unmonitored.
 *
 * <p>A run is known by its method only (Spring's scheduled-task observation names no bean), so beans of one class
 * share its slug.
 */
public class ScheduledMonitors implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	/** The ingest API's rule for a cron monitor's slug. */
	static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");

	private final Supplier<Map<String, String>> configured;

	private @Nullable ConfigurableBeanFactory beanFactory;

	/** The scheduled methods of each bean, by bean name. */
	private final Map<String, List<ScheduledMethod>> scheduledBeans = new LinkedHashMap<>();

	/** Methods with {@link SeeStackMonitor} but no {@code @Scheduled}. */
	private final Set<String> notScheduled = new TreeSet<>();

	private volatile Map<Method, String> slugs = Map.of();

	/**
	 * Creates the post-processor.
	 * @param configured the entries of {@code seestack.scheduling.monitors}, read once every singleton exists
	 */
	public ScheduledMonitors(Supplier<Map<String, String>> configured) {
		this.configured = configured;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
		}
	}

	/**
	 * The slug of the cron monitor of a run of the method, as Spring's scheduled-task observation gives it.
	 * @param method the method that runs
	 * @return the slug, or {@code null} when the method is not monitored
	 */
	public @Nullable String slugFor(Method method) {
		return this.slugs.get(method);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof AopInfrastructureBean || bean instanceof TaskScheduler
				|| bean instanceof ScheduledExecutorService) {
			return bean;
		}
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (AnnotationUtils.isCandidateClass(targetClass, List.of(Scheduled.class, Schedules.class))) {
			List<ScheduledMethod> scheduled = new ArrayList<>();
			MethodIntrospector.selectMethods(targetClass, (Method method) -> isScheduled(method) ? method : null)
				.keySet()
				.forEach((method) -> scheduled.add(new ScheduledMethod(method,
						AopUtils.selectInvocableMethod(method, bean.getClass()))));
			if (!scheduled.isEmpty()) {
				synchronized (this.scheduledBeans) {
					this.scheduledBeans.put(beanName, scheduled);
				}
			}
		}
		if (AnnotationUtils.isCandidateClass(targetClass, SeeStackMonitor.class)) {
			MethodIntrospector
				.selectMethods(targetClass,
						(Method method) -> (AnnotatedElementUtils.hasAnnotation(method, SeeStackMonitor.class)
								&& !isScheduled(method)) ? method : null)
				.keySet()
				.forEach((method) -> {
					synchronized (this.notScheduled) {
						this.notScheduled.add(describe(method));
					}
				});
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.notScheduled.isEmpty()) {
			throw InvalidMonitorException.notScheduled(this.notScheduled.iterator().next());
		}
		Map<Method, String> resolved = new HashMap<>();
		Map<Method, String> fromProperties = new HashMap<>();
		this.scheduledBeans.values().forEach((methods) -> methods.forEach((scheduled) -> {
			SeeStackMonitor monitor = AnnotatedElementUtils.findMergedAnnotation(scheduled.method(),
					SeeStackMonitor.class);
			if (monitor != null) {
				String subject = "@SeeStackMonitor(\"" + monitor.value() + "\") on " + describe(scheduled.method());
				scheduled.register(resolved, checked(subject, resolve(subject, monitor.value())));
			}
		}));
		this.configured.get().forEach((key, slug) -> {
			List<ScheduledMethod> methods = scheduledMethods(key);
			String checked = checked("Property 'seestack.scheduling.monitors." + key + "'", slug);
			for (ScheduledMethod scheduled : methods) {
				String earlier = fromProperties.putIfAbsent(scheduled.method(), checked);
				if (earlier != null && !earlier.equals(checked)) {
					throw InvalidMonitorException.twoSlugs(describe(scheduled.method()), earlier, checked);
				}
				scheduled.register(resolved, checked);
			}
		});
		this.slugs = Map.copyOf(resolved);
	}

	/** The scheduled methods a key of {@code seestack.scheduling.monitors}, {@code <bean>.<method>}, names. */
	private List<ScheduledMethod> scheduledMethods(String key) {
		int dot = key.lastIndexOf('.');
		List<ScheduledMethod> beanMethods = (dot > 0) ? this.scheduledBeans.get(key.substring(0, dot)) : null;
		List<ScheduledMethod> named = (beanMethods != null) ? beanMethods.stream()
			.filter((scheduled) -> scheduled.method().getName().equals(key.substring(dot + 1)))
			.toList() : List.of();
		if (named.isEmpty()) {
			Set<String> known = new TreeSet<>();
			this.scheduledBeans.forEach((bean, methods) -> methods
				.forEach((scheduled) -> known.add(bean + "." + scheduled.method().getName())));
			throw InvalidMonitorException.noScheduledMethod(key, known);
		}
		return named;
	}

	private String resolve(String subject, String slug) {
		if (this.beanFactory == null) {
			return slug;
		}
		try {
			String resolved = this.beanFactory.resolveEmbeddedValue(slug);
			return (resolved != null) ? resolved : slug;
		}
		catch (IllegalArgumentException ex) {
			throw InvalidMonitorException.unresolvedPlaceholder(subject, ex.getMessage());
		}
	}

	private static String checked(String subject, String slug) {
		if (!SLUG.matcher(slug).matches()) {
			throw InvalidMonitorException.invalidSlug(subject, slug);
		}
		return slug;
	}

	private static boolean isScheduled(Method method) {
		return !AnnotatedElementUtils.getMergedRepeatableAnnotations(method, Scheduled.class, Schedules.class)
			.isEmpty();
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + "()";
	}

	/**
	 * A {@code @Scheduled} method as declared, and as Spring invokes it on the bean (on an interface of a JDK proxy,
	 * say): the observation names the latter.
	 */
	private record ScheduledMethod(Method method, Method invocable) {

		void register(Map<Method, String> slugs, String slug) {
			slugs.put(this.method, slug);
			slugs.put(this.invocable, slug);
		}

	}

}
