package io.seestack.spring.autoconfigure.scheduling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.ScheduledTaskObservationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SeeStackSchedulingAutoConfiguration}: its conditions, and the startup failures of monitors it
 * cannot report, with their analysis.
 */
class SeeStackSchedulingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class, SeeStackSchedulingAutoConfiguration.class))
		.withPropertyValues("seestack.local.enabled=false");

	@Test
	void monitorsTheScheduledJobsOfAnApplicationWithEnableScheduling() {
		this.contextRunner.withUserConfiguration(Jobs.class)
			.run((context) -> assertThat(context).hasSingleBean(ScheduledMonitors.class)
				.hasSingleBean(SeeStackSchedulingConfigurer.class));
	}

	@Test
	void backsOffWithoutEnableScheduling() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ScheduledMonitors.class));
	}

	@Test
	void isSwitchedOffBySchedulingEnabledFalse() {
		this.contextRunner.withUserConfiguration(Jobs.class)
			.withPropertyValues("seestack.scheduling.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ScheduledMonitors.class));
	}

	@Test
	void backsOffWithoutSpringsScheduledTaskObservation() {
		this.contextRunner.withUserConfiguration(Jobs.class)
			.withClassLoader(new FilteredClassLoader(ScheduledTaskObservationContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ScheduledMonitors.class));
	}

	@Test
	void aDisabledSdkRegistersNothingAndTheJobsRunAsBefore() {
		this.contextRunner.withUserConfiguration(Jobs.class)
			.withPropertyValues("seestack.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ScheduledMonitors.class)
					.doesNotHaveBean(SeeStackSchedulingConfigurer.class);
				Jobs jobs = context.getBean(Jobs.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> jobs.runs.get() >= 2);
			});
	}

	@Test
	void anInvalidSlugStopsStartupWithAnAnalysis() {
		this.contextRunner.withUserConfiguration(BadSlug.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("@SeeStackMonitor(\"Nightly_Report\")")
				.contains("lowercase letters, digits and hyphens");
		});
	}

	@Test
	void anUnresolvedPlaceholderStopsStartupWithAnAnalysis() {
		this.contextRunner.withUserConfiguration(PlaceholderSlug.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analysis(context.getStartupFailure()).getDescription()).contains("${jobs.unknown.slug}")
				.contains("placeholder");
		});
	}

	@Test
	void aPropertyNamingNoScheduledMethodStopsStartupListingThoseThereAre() {
		this.contextRunner.withUserConfiguration(Jobs.class)
			.withPropertyValues("seestack.scheduling.monitors[jobs.tock]=tock-job")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("seestack.scheduling.monitors.jobs.tock");
				assertThat(analysis.getAction()).containsPattern("Name one of the application's @Scheduled methods: \\S+\\.tick\\.");
			});
	}

	@Test
	void theAnnotationOnAMethodThatIsNotScheduledStopsStartup() {
		this.contextRunner.withUserConfiguration(NotScheduled.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analysis(context.getStartupFailure()).getDescription()).contains("not @Scheduled");
		});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		FailureAnalysis analysis = new InvalidMonitorFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Jobs {

		final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 20)
		@SeeStackMonitor("tick-job")
		void tick() {
			this.runs.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class BadSlug {

		@Scheduled(fixedDelay = 1000)
		@SeeStackMonitor("Nightly_Report")
		void report() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class PlaceholderSlug {

		@Scheduled(fixedDelay = 1000)
		@SeeStackMonitor("${jobs.unknown.slug}")
		void report() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class NotScheduled {

		@Bean
		Object notScheduledJob() {
			return new Object() {

				@SeeStackMonitor("manual-job")
				public void run() {
				}

			};
		}

	}

}
