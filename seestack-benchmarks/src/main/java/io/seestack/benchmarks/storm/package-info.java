/**
 * Error storms side by side: the ingest sink of {@code seestack-benchmarks/load/storm.sh}
 * ({@link io.seestack.benchmarks.storm.CountingSink}), which answers SeeStack and Sentry at once and counts the errors
 * each delivers, by the endpoint of the benchmark application they came from.
 */
@NullMarked
package io.seestack.benchmarks.storm;

import org.jspecify.annotations.NullMarked;
