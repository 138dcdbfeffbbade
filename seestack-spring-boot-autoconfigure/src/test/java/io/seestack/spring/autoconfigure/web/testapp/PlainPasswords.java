package io.seestack.spring.autoconfigure.web.testapp;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords stored as they are, for test applications only: Spring Security's default encoder would upgrade
 * {@code {noop}} passwords to BCrypt after the first login and spend most of a test's time hashing.
 */
public final class PlainPasswords implements PasswordEncoder {

	@Override
	public String encode(CharSequence rawPassword) {
		return rawPassword.toString();
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return rawPassword.toString().equals(encodedPassword);
	}

}
