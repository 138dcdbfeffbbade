/**
 * The network seam: one {@link io.seestack.transport.Transport} interface with a JDK {@code java.net.http}
 * default, replaceable by users and tests.
 */
@NullMarked
package io.seestack.transport;

import org.jspecify.annotations.NullMarked;
