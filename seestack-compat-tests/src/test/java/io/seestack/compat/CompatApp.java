package io.seestack.compat;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An ordinary Spring MVC application with Spring Security (form login with sessions, HTTP Basic, logout) and
 * Actuator, written only against API that Spring Boot 3.5 and 4.x share, so that each Boot line's module runs it
 * with its own managed versions.
 */
@SpringBootApplication
public class CompatApp {

	static final String PASSWORD = "password";

	@Bean
	SecurityFilterChain security(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**", "/login", "/error", "/actuator/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.logout((logout) -> logout.logoutSuccessHandler((request, response, authentication) -> response
				.setStatus(204)))
			.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("ada").password("{noop}" + PASSWORD).roles("USER").build(),
				User.withUsername("bo").password("{noop}" + PASSWORD).roles("USER").build());
	}

}
