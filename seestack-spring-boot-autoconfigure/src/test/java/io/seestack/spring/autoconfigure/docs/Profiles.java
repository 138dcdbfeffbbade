package io.seestack.spring.autoconfigure.docs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/** The outbound example of docs/outbound.md. */
// tag::profiles[]
@Service
class Profiles {

	private final RestClient users;

	Profiles(RestClient.Builder builder, @Value("${users.url}") String usersUrl) {   // Boot's builder: instrumented
		this.users = builder.baseUrl(usersUrl).build();
	}

	String find(long id) {
		return users.get().uri("/users/{id}", id).retrieve().body(String.class);   // one item, path /users/{id}
	}
}
// end::profiles[]
