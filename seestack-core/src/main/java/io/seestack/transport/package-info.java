/**
 * The network seam: one {@link io.seestack.transport.Transport} interface with a JDK {@code HttpURLConnection}
 * default, replaceable by users and tests.
 */
@NullMarked
package io.seestack.transport;

import org.jspecify.annotations.NullMarked;
