package io.seestack.spring.autoconfigure.logging;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/** Executors the application defines itself get SeeStack's decorator after their own, which keeps running. */
class SeeStackExecutorPostProcessorTests {

	private final Queue<String> decorated = new ConcurrentLinkedQueue<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackLoggingAutoConfiguration.class))
		.withPropertyValues("seestack.local.outbox=target/executor-post-processor-outbox.jsonl")
		.withBean("ownExecutor", ThreadPoolTaskExecutor.class, () -> {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setTaskDecorator(counting("executor"));
			return executor;
		})
		.withBean("ownScheduler", ThreadPoolTaskScheduler.class, () -> {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setTaskDecorator(counting("scheduler"));
			return scheduler;
		})
		.withBean("ownSimpleExecutor", SimpleAsyncTaskExecutor.class, SimpleAsyncTaskExecutor::new);

	@Test
	void tasksOfTheApplicationsOwnExecutorsCarryTheSubmittersUserAndTheirDecoratorsStillRun() {
		this.contextRunner.run((context) -> {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			ThreadPoolTaskExecutor executor = context.getBean(ThreadPoolTaskExecutor.class);
			ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
			SimpleAsyncTaskExecutor simple = context.getBean(SimpleAsyncTaskExecutor.class);
			CompletableFuture<String> pooled = new CompletableFuture<>();
			CompletableFuture<String> scheduled = new CompletableFuture<>();
			CompletableFuture<String> virtual = new CompletableFuture<>();
			try (Scope scope = client.openScope()) {
				scope.setUser(User.builder().id("ada").build());
				executor.execute(() -> pooled.complete(userOf(client)));
				scheduler.schedule(() -> scheduled.complete(userOf(client)), Instant.now());
				simple.execute(() -> virtual.complete(userOf(client)));
			}
			assertThat(pooled.get(10, TimeUnit.SECONDS)).isEqualTo("ada");
			assertThat(scheduled.get(10, TimeUnit.SECONDS)).isEqualTo("ada");
			assertThat(virtual.get(10, TimeUnit.SECONDS)).isEqualTo("ada");
			assertThat(this.decorated).containsExactlyInAnyOrder("executor", "scheduler");
		});
	}

	@Test
	void leavesExecutorsAloneWhenSeeStackIsOff() {
		this.contextRunner.withPropertyValues("seestack.enabled=false").run((context) -> {
			CompletableFuture<String> pooled = new CompletableFuture<>();
			SeeStackClient client = context.getBean(SeeStackClient.class);
			context.getBean(ThreadPoolTaskExecutor.class).execute(() -> pooled.complete(userOf(client)));
			assertThat(pooled.get(10, TimeUnit.SECONDS)).isEqualTo("none");
			assertThat(this.decorated).containsExactly("executor");
		});
	}

	private TaskDecorator counting(String name) {
		return (runnable) -> () -> {
			this.decorated.add(name);
			runnable.run();
		};
	}

	private static String userOf(SeeStackClient client) {
		return client.getCurrentUser().map(User::id).orElse("none");
	}

}
