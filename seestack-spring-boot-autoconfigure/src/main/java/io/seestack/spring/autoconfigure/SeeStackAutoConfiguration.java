package io.seestack.spring.autoconfigure;

import io.seestack.DeliveryListener;
import io.seestack.SeeStackClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@link SeeStackClient}: built from {@link SeeStackProperties}, {@link SeeStackOptionsCustomizer} beans and
 * {@link DeliveryListener} beans, installed into the static {@link io.seestack.SeeStack} facade, and closed
 * (flushing what is buffered) when the context closes. Without {@code seestack.api-key} the client runs in local
 * mode (payloads kept in memory and in an outbox file, not sent), or is the {@link SeeStackClient#noop() no-op
 * client} with {@code seestack.local.enabled=false}.
 *
 * <p>With {@code seestack.enabled=false} the client bean is the no-op client and there is nothing else: no
 * properties, and every other SeeStack auto-configuration backs off on the same property. The bean stays so that
 * an application (or a test) that injects {@code SeeStackClient} starts with SeeStack switched off.
 */
@AutoConfiguration
@ConditionalOnClass(SeeStackClient.class)
public final class SeeStackAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
	@EnableConfigurationProperties(SeeStackProperties.class)
	static class Enabled {

		@Bean
		@ConditionalOnMissingBean
		SeeStackClient seeStackClient(SeeStackProperties properties, Environment environment,
				ObjectProvider<BuildProperties> buildProperties, ObjectProvider<DeliveryListener> deliveryListeners,
				ObjectProvider<SeeStackOptionsCustomizer> customizers) {
			BuildProperties build = buildProperties.getIfAvailable();
			SeeStackClientFactory factory = new SeeStackClientFactory(properties,
					(build != null) ? build.getVersion() : null, environment.getProperty("spring.application.name"));
			DeliveryListener listener = CompositeDeliveryListener.of(deliveryListeners.orderedStream().toList());
			return factory.create(listener, customizers.orderedStream());
		}

		@Bean
		SeeStackFacadeInstaller seeStackFacadeInstaller(SeeStackClient seeStackClient) {
			return new SeeStackFacadeInstaller(seeStackClient);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "seestack.enabled", havingValue = false)
	static class Disabled {

		/**
		 * The no-op client: every call works and does nothing. The static facade already is the no-op client, so
		 * there is nothing to install.
		 */
		@Bean
		@ConditionalOnMissingBean
		SeeStackClient seeStackClient() {
			return SeeStackClient.noop();
		}

	}

}
