/**
 * Implementation of the SeeStack SDK (context). Not API: anything here may change in any release.
 */
@NullMarked
package io.seestack.internal.context;

import org.jspecify.annotations.NullMarked;
