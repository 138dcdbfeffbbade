package io.seestack.spring.autoconfigure.web.testapp;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * The security of the test applications that use HTTP Basic: stateless, {@code /public/**} and error dispatches
 * open, everything else authenticated, plain test passwords (so Spring Security does not upgrade them to BCrypt).
 * Each application declares its own users, for example with {@link #users(String...)}.
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
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Spring Security writes its headers when the response commits, or when its filter returns, whichever
			// comes first; a streamed async body commits on another thread while the filter returns, and the two
			// race (a response then lacks Expires, with SeeStack or without). Written before the chain, they do not.
			.headers((headers) -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {

				@Override
				public <O extends HeaderWriterFilter> O postProcess(O filter) {
					filter.setShouldWriteHeadersEagerly(true);
					return filter;
				}

			}));
		return http.build();
	}

	@Bean
	PlainPasswords passwordEncoder() {
		return new PlainPasswords();
	}

	/** Users of the given names, each with the password {@link TestHttp#PASSWORD} and the role {@code USER}. */
	public static InMemoryUserDetailsManager users(String... names) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		for (String name : names) {
			users.createUser(User.withUsername(name).password(TestHttp.PASSWORD).roles("USER").build());
		}
		return users;
	}

}
