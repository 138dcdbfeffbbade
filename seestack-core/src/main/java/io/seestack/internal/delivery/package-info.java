/**
 * Implementation of the SeeStack SDK (delivery). Not API: anything here may change in any release.
 */
@NullMarked
package io.seestack.internal.delivery;

import org.jspecify.annotations.NullMarked;
