/**
 * A sample Spring Boot application that uses the SeeStack starter as a user would: the starter dependency and
 * {@code application.yml}, nothing wired by hand.
 */
@NullMarked
package io.seestack.sample;

import org.jspecify.annotations.NullMarked;
