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
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@link SeeStackClient}: built from {@link SeeStackProperties}, {@link SeeStackOptionsCustomizer} beans and
 * {@link DeliveryListener} beans, installed into the static {@link io.seestack.SeeStack} facade, and closed
 * (flushing what is buffered) when the context closes. Without {@code seestack.api-key} the client runs in local
 * mode (payloads kept in memory and in an outbox file, not sent), or is the {@link SeeStackClient#noop() no-op
 * client} with {@code seestack.local.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(SeeStackClient.class)
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SeeStackProperties.class)
public final class SeeStackAutoConfiguration {

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
