/**
 * The application's own logs in SeeStack: a Logback appender that sends SLF4J log events at or above
 * {@code seestack.logs.minimum-level} with the user of the scope they were logged in, attached when logging starts
 * so startup warnings are kept.
 */
@NullMarked
package io.seestack.spring.autoconfigure.logging;

import org.jspecify.annotations.NullMarked;
