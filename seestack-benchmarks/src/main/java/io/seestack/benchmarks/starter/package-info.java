/**
 * What the Spring Boot starter costs a request: a minimal Spring MVC + Spring Security application
 * ({@link io.seestack.benchmarks.starter.BenchApplication}), measured by JMH through MockMvc
 * ({@link io.seestack.benchmarks.starter.StarterBenchmark}) and by {@code wrk} against its real server
 * ({@code seestack-benchmarks/load/run.sh}).
 */
@NullMarked
package io.seestack.benchmarks.starter;

import org.jspecify.annotations.NullMarked;
