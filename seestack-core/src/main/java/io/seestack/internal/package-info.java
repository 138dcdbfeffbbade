/**
 * Implementation of the SeeStack SDK. Not API: anything here may change in any release.
 */
@NullMarked
package io.seestack.internal;

import org.jspecify.annotations.NullMarked;
