/**
 * Actuator health for SeeStack: whether the SDK is sending, and why not.
 */
@NullMarked
package io.seestack.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
