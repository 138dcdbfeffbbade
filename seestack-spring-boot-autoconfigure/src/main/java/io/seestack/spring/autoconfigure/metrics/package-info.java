/**
 * Micrometer meters for what the SeeStack SDK delivers, drops and retries, and for its buffer fill.
 */
@NullMarked
package io.seestack.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
