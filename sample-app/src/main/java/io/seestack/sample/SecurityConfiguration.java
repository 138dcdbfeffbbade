package io.seestack.sample;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login for the browser, HTTP Basic for curl, and a few in-memory users. The page and the demo endpoints are
 * open to everyone, so that what SeeStack captures can be compared signed in and signed out.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/", "/index.html", "/app.js", "/app.css", "/api/me", "/api/demo/**", "/error")
			.permitAll()
			// Development only: /actuator/seestack shows the captured payloads, users included, to anyone.
			.requestMatchers("/actuator/health/**", "/actuator/seestack")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.defaultSuccessUrl("/", true).permitAll())
			.httpBasic(Customizer.withDefaults())
			.logout((logout) -> logout.logoutSuccessUrl("/?logged-out"));
		return http.build();
	}

	@Bean
	UserDetailsService users() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(user(encoder, "ada"), user(encoder, "grace"), user(encoder, "alan"));
	}

	/** The password of each sample user is its name followed by {@code -password}. */
	private static UserDetails user(PasswordEncoder encoder, String name) {
		return User.withUsername(name).password(encoder.encode(name + "-password")).roles("USER").build();
	}

}
