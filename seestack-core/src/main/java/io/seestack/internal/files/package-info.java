/** Files the SDK writes, kept to the user that runs the process. */
@NullMarked
package io.seestack.internal.files;

import org.jspecify.annotations.NullMarked;
