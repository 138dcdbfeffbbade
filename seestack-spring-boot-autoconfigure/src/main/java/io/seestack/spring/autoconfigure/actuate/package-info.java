/**
 * Actuator support for SeeStack: a health indicator (whether the SDK is sending, and why not) and the
 * {@code seestack} endpoint (mode, counters per feature, and the recent payloads of local mode).
 */
@NullMarked
package io.seestack.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
