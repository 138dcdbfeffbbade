/** What delivering HTTP request items costs the whole process, thread by thread. */
@NullMarked
package io.seestack.benchmarks.delivery;

import org.jspecify.annotations.NullMarked;
