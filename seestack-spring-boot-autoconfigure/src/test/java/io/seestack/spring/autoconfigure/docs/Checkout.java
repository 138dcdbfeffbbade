package io.seestack.spring.autoconfigure.docs;

import java.util.Map;

import io.seestack.Level;
import io.seestack.SeeStackClient;

import org.springframework.stereotype.Service;

/** The injected-client example of docs/getting-started.md. */
// tag::client[]
@Service
class Checkout {

	private final SeeStackClient seeStack;

	Checkout(SeeStackClient seeStack) {
		this.seeStack = seeStack;
	}

	void pay(Order order) {
		seeStack.captureLog(Level.INFO, "Paying order", Map.of("orderId", order.id()));  // carries the request's user
	}
}
// end::client[]

record Order(String id) {
}
