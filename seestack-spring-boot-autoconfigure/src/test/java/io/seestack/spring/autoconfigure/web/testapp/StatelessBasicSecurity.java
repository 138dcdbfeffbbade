package io.seestack.spring.autoconfigure.web.testapp;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of the test applications that use HTTP Basic: stateless, {@code /public/**} and error dispatches
 * open, everything else authenticated, plain test passwords (so Spring Security does not upgrade them to BCrypt).
 * Each application declares its own users.
 */
@Configuration(proxyBeanMethods = false)
public class StatelessBasicSecurity {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/public/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	PlainPasswords passwordEncoder() {
		return new PlainPasswords();
	}

}
