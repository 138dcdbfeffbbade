/**
 * Implementation of the SeeStack SDK (payload). Not API: anything here may change in any release.
 */
@NullMarked
package io.seestack.internal.payload;

import org.jspecify.annotations.NullMarked;
