package io.seestack.spring.autoconfigure.docs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.security.DefaultSeeStackUserResolver;
import io.seestack.spring.autoconfigure.security.SeeStackSecurityAutoConfiguration;
import io.seestack.spring.autoconfigure.security.SeeStackUserResolver;
import io.seestack.spring.autoconfigure.web.CompletedRequest;
import io.seestack.spring.autoconfigure.web.DefaultSeeStackExceptionCapture;
import io.seestack.spring.autoconfigure.web.SeeStackExceptionCapture;
import io.seestack.spring.autoconfigure.web.SeeStackWebAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code examples of docs/getting-started.md, docs/user-context.md and docs/exceptions.md, compiled and run here; the Markdown must
 * show exactly the tagged regions (checked by {@code DocSnippetsTests} in seestack-core).
 */
class StarterExamples {

	@TempDir
	java.nio.file.Path outbox;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackWebAutoConfiguration.class,
				SeeStackSecurityAutoConfiguration.class))
		.withUserConfiguration(Checkout.class, CustomerResolverConfiguration.class);

	@Test
	void injectedClientCapturesLogs() {
		this.contextRunner.withPropertyValues("seestack.local.outbox=" + this.outbox.resolve("outbox.jsonl"))
			.run((context) -> {
				SeeStackClient client = context.getBean(SeeStackClient.class);
				context.getBean(Checkout.class).pay(new Order("ORD-1"));

				assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
				assertThat(client.status().recentPayloads()).singleElement()
					.satisfies((payload) -> assertThat(payload.body()).contains("Paying order", "ORD-1"));
			});
	}

	@Test
	void aResolverBeanReplacesTheDefaultAndAddsToWhatItResolves() {
		this.contextRunner.run((context) -> {
			SeeStackUserResolver resolver = context.getBean(SeeStackUserResolver.class);
			Authentication ada = new TestingAuthenticationToken("ada", "n/a", "ROLE_USER");
			ada.setAuthenticated(true);

			User user = resolver.resolve(ada);

			assertThat(user).isNotNull();
			assertThat(user.id()).isEqualTo("ada");
			assertThat(user.data()).containsEntry("customerId", "customer-ada");
			assertThat(resolver.resolve(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
				.isNull();
		});
	}


	@Test
	void anExceptionCaptureBeanReplacesTheDefaultAndCanDelegateToIt() throws Exception {
		this.contextRunner.withUserConfiguration(HealthExceptionsIgnored.class)
			.withPropertyValues("seestack.local.outbox=" + this.outbox.resolve("outbox.jsonl"))
			.run((context) -> {
				SeeStackClient client = context.getBean(SeeStackClient.class);
				SeeStackExceptionCapture capture = context.getBean(SeeStackExceptionCapture.class);
				capture.capture(failed("/health/db", "database down"));
				capture.capture(failed("/orders", "order failed"));

				assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
				assertThat(client.status().recentPayloads()).singleElement()
					.satisfies((payload) -> assertThat(payload.body()).contains("order failed"));
			});
	}

	private static CompletedRequest failed(String path, String message) {
		return new CompletedRequest("GET", "localhost", path, null, 500, Instant.now(), Duration.ofMillis(3), 0, 0,
				"4bf92f3577b34da6a3ce929d0e0e4736", new IllegalStateException(message), null);
	}

	@Configuration(proxyBeanMethods = false)
	static class HealthExceptionsIgnored {

		// tag::exception-capture[]
		@Bean
		SeeStackExceptionCapture seeStackExceptionCapture(SeeStackClient client) {
			SeeStackExceptionCapture defaults = new DefaultSeeStackExceptionCapture(client, 500, List.of());
			return (request) -> {
				if (!request.path().startsWith("/health")) {
					defaults.capture(request);
				}
			};
		}
		// end::exception-capture[]

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomerResolverConfiguration {

		// tag::resolver[]
		@Bean
		SeeStackUserResolver seeStackUserResolver(SeeStackProperties properties) {
			SeeStackUserResolver defaults = DefaultSeeStackUserResolver.from(properties);
			return (authentication) -> {
				User user = defaults.resolve(authentication);  // null when anonymous
				return (user != null) ? user.toBuilder().data("customerId", lookUpCustomerId(authentication)).build()
						: null;
			};
		}
		// end::resolver[]

		private static String lookUpCustomerId(Authentication authentication) {
			return "customer-" + authentication.getName();
		}

	}

}
