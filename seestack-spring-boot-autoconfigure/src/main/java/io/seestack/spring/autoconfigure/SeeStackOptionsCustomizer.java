package io.seestack.spring.autoconfigure;

import io.seestack.SeeStackOptions;

/**
 * Callback to customize the {@link SeeStackOptions} of the auto-configured {@link io.seestack.SeeStackClient},
 * for what {@code seestack.*} properties do not cover (a custom {@link io.seestack.transport.Transport}, for
 * example). Customizers run in {@link org.springframework.core.Ordered order} after the properties have been
 * applied and before the options are validated. They do not run when {@code seestack.api-key} is not set, as no
 * client is built then.
 *
 * <p>The builder already holds a listener that combines every {@link io.seestack.DeliveryListener} bean: to
 * observe delivery, declare such a bean rather than setting a listener here, which would replace them.
 */
@FunctionalInterface
public interface SeeStackOptionsCustomizer {

	/**
	 * Customize the options.
	 * @param builder the options builder, with the {@code seestack.*} properties applied
	 */
	void customize(SeeStackOptions.Builder builder);

}
