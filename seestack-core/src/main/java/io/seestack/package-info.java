/**
 * The SeeStack SDK: capture errors, logs, HTTP requests and cron heartbeats, each attributed to the user
 * who was affected.
 *
 * <p>Start with {@link io.seestack.SeeStack#init(SeeStackOptions)} or, to hold an instance yourself,
 * {@link io.seestack.SeeStackClient#create(SeeStackOptions)}. Everything under {@code io.seestack.internal}
 * is implementation and may change in any release.
 */
@NullMarked
package io.seestack;

import org.jspecify.annotations.NullMarked;
