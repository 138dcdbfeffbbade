package io.seestack.spring.autoconfigure;

import java.util.Map;

import io.seestack.SeeStackOptions;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackProperties}.
 */
class SeeStackPropertiesTests {

	@Test
	void defaultsAgreeWithTheCoreOptions() {
		SeeStackProperties properties = new SeeStackProperties();
		SeeStackOptions options = SeeStackOptions.builder().apiKey("key").build();
		assertThat(properties.getHost()).isEqualTo(SeeStackOptions.DEFAULT_HOST)
			.isEqualTo(options.host().toString());
		assertThat(properties.getFlushInterval()).isEqualTo(options.flushInterval());
		assertThat(properties.getBufferSize()).isEqualTo(options.bufferSize());
		assertThat(properties.getIdenticalErrorsPerSecond()).isEqualTo(options.identicalErrorsPerSecond());
		assertThat(properties.isDebug()).isEqualTo(options.debug());
		assertThat(properties.getProjectId()).isEqualTo(options.projectId());
		assertThat(properties.getEnvironment()).isEqualTo(options.environment());
		assertThat(properties.getRelease()).isEqualTo(options.release());
		assertThat(properties.getServiceName()).isEqualTo(options.serviceName());
	}

	@Test
	void collectsNoPersonalDataByDefault() {
		SeeStackProperties properties = new SeeStackProperties();
		assertThat(properties.isSendDefaultPii()).isFalse();
		assertThat(properties.getUser().getIp()).isNull();
		assertThat(properties.effectiveIpCollection()).isEqualTo(IpCollection.NONE);
		assertThat(properties.getTrustedProxies()).isEmpty();
	}

	@Test
	void collectsTheFullIpWithSendDefaultPiiUnlessUserIpSaysOtherwise() {
		SeeStackProperties properties = new SeeStackProperties();
		properties.setSendDefaultPii(true);
		assertThat(properties.effectiveIpCollection()).isEqualTo(IpCollection.FULL);
		properties.getUser().setIp(IpCollection.ANONYMIZED);
		assertThat(properties.effectiveIpCollection()).isEqualTo(IpCollection.ANONYMIZED);
		properties.setSendDefaultPii(false);
		properties.getUser().setIp(IpCollection.FULL);
		assertThat(properties.effectiveIpCollection()).isEqualTo(IpCollection.FULL);
	}

	@Test
	void hasTheDocumentedDefaultsForTheSwitches() {
		SeeStackProperties properties = new SeeStackProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getUser().getIdClaim()).isEqualTo("sub");
		assertThat(properties.getUser().getEmailClaim()).isEqualTo("email");
		assertThat(properties.getUser().getUsernameClaim()).isEqualTo("preferred_username");
		assertThat(properties.getExceptions().isEnabled()).isTrue();
		assertThat(properties.getExceptions().getMinimumStatus()).isEqualTo(500);
		assertThat(properties.getExceptions().getIgnored()).isEmpty();
		assertThat(properties.getHttp().isEnabled()).isTrue();
		assertThat(properties.getHttp().getExcludePaths()).containsExactly("/actuator/**");
		assertThat(properties.getHttp().getOutbound().isEnabled()).isTrue();
		assertThat(properties.getHttp().getOutbound().isPropagateTrace()).isFalse();
		assertThat(properties.getSecurity().isEnabled()).isTrue();
		assertThat(properties.getLocal().isEnabled()).isTrue();
		assertThat(properties.getLocal().getOutbox()).isNull();
	}

	@Test
	void bindsExceptionTypesIpCollectionAndTrustedProxiesFromText() {
		Map<String, String> source = Map.of("seestack.exceptions.ignored",
				"java.lang.IllegalStateException,java.io.IOException", "seestack.user.ip", "anonymized",
				"seestack.trusted-proxies", "10.0.0.0/8,192.168.1.7", "seestack.flush-interval", "250ms");
		SeeStackProperties properties = new Binder(new MapConfigurationPropertySource(source))
			.bind("seestack", SeeStackProperties.class)
			.get();
		assertThat(properties.getExceptions().getIgnored()).containsExactly(IllegalStateException.class,
				java.io.IOException.class);
		assertThat(properties.getUser().getIp()).isEqualTo(IpCollection.ANONYMIZED);
		assertThat(properties.getTrustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.7");
		assertThat(properties.getFlushInterval()).hasMillis(250);
	}

}
