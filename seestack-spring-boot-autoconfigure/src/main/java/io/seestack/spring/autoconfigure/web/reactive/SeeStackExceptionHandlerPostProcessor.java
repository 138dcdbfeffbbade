package io.seestack.spring.autoconfigure.web.reactive;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ClassFilters;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationClassFilter;
import org.springframework.aop.support.annotation.AnnotationMethodMatcher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Puts {@link ExceptionHandlerRecorder} around the {@code @ExceptionHandler} methods of the application's
 * {@code @ControllerAdvice} and {@code @Controller} beans, through a class proxy, as Spring's own
 * {@code MethodValidationPostProcessor} does for {@code @Validated} beans; a bean that is a proxy already gets the
 * recorder added to its advisors.
 *
 * <p>A bean is left as it is when a class proxy could change what it does: a final class, or one whose methods that
 * WebFlux calls on the bean ({@code @RequestMapping}, {@code @ExceptionHandler}, {@code @ModelAttribute},
 * {@code @InitBinder}) include a private or final one, which would run on the proxy instance, whose fields are not
 * set. The one exception is {@code ResponseEntityExceptionHandler}'s final {@code handleException}, which only hands
 * the exception to overridable methods (so to the bean). A bean with no {@code @ExceptionHandler} method that a
 * proxy can intercept is left too. The exceptions of a bean left as it is are not seen.
 */
class SeeStackExceptionHandlerPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final Log logger = LogFactory.getLog(SeeStackExceptionHandlerPostProcessor.class);

	private static final List<Class<? extends Annotation>> INVOKED_BY_WEBFLUX = List
		.of(RequestMapping.class, ExceptionHandler.class, ModelAttribute.class, InitBinder.class);

	SeeStackExceptionHandlerPostProcessor() {
		ClassFilter controllers = ClassFilters.union(new AnnotationClassFilter(ControllerAdvice.class, true),
				new AnnotationClassFilter(Controller.class, true));
		this.advisor = new DefaultPointcutAdvisor(
				new ComposablePointcut(controllers, new AnnotationMethodMatcher(ExceptionHandler.class, true)),
				new ExceptionHandlerRecorder());
		this.beforeExistingAdvisors = true;
		setProxyTargetClass(true);
	}

	@Override
	protected boolean isEligible(Class<?> targetClass) {
		if (!super.isEligible(targetClass)) {
			return false;
		}
		boolean safe = isSafeToProxy(targetClass);
		if (!safe && logger.isDebugEnabled()) {
			logger.debug("SeeStack leaves " + targetClass.getName() + " unproxied: the exceptions that its "
					+ "@ExceptionHandler methods answer are not captured (a final class, or a private or final method "
					+ "that WebFlux calls)");
		}
		return safe;
	}

	/**
	 * Whether a class proxy of the type behaves as the type does: WebFlux calls its handler methods on the proxy,
	 * which hands overridable ones to the bean; at least one {@code @ExceptionHandler} method is overridable.
	 */
	static boolean isSafeToProxy(Class<?> type) {
		if (Modifier.isFinal(type.getModifiers())) {
			return false;
		}
		boolean interceptable = false;
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			int modifiers = method.getModifiers();
			if (Modifier.isStatic(modifiers) || !isInvokedByWebFlux(method)) {
				continue;
			}
			boolean overridable = !Modifier.isPrivate(modifiers) && !Modifier.isFinal(modifiers);
			if (!overridable && method.getDeclaringClass() != ResponseEntityExceptionHandler.class) {
				return false;
			}
			interceptable |= overridable && AnnotatedElementUtils.hasAnnotation(method, ExceptionHandler.class);
		}
		return interceptable;
	}

	private static boolean isInvokedByWebFlux(Method method) {
		for (Class<? extends Annotation> annotation : INVOKED_BY_WEBFLUX) {
			if (AnnotatedElementUtils.hasAnnotation(method, annotation)) {
				return true;
			}
		}
		return false;
	}

}
