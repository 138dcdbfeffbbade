/**
 * Auto-configuration for SeeStack: {@link io.seestack.spring.autoconfigure.SeeStackProperties} and the
 * {@link io.seestack.SeeStackClient} bean, shared with the static {@link io.seestack.SeeStack} facade.
 */
@NullMarked
package io.seestack.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
