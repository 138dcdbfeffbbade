package io.seestack.spring.autoconfigure.actuate;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who sees what the {@code seestack} endpoint shows of the payloads it kept, which hold user ids and, with
 * {@code seestack.send-default-pii}, emails and IP addresses; as Spring Boot's own {@code show-values} does for the
 * environment.
 */
@ConfigurationProperties("management.endpoint.seestack")
public class SeeStackEndpointProperties {

	/**
	 * When to show the bodies of the recent payloads (local mode): 'never', 'when-authorized' (an authenticated
	 * user with one of the roles, if roles are set) or 'always'. Otherwise each body is shown as '******'.
	 */
	private Show showValues = Show.WHEN_AUTHORIZED;

	/**
	 * Roles that a user needs to see the payload bodies when show-values is 'when-authorized'; any authenticated
	 * user when empty.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
