/** JMH benchmarks of the SDK's cost to the application's threads. */
@NullMarked
package io.seestack.benchmarks;

import org.jspecify.annotations.NullMarked;
