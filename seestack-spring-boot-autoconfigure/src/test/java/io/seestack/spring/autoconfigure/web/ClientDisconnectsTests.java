package io.seestack.spring.autoconfigure.web;

import java.io.IOException;
import java.net.SocketException;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import static org.assertj.core.api.Assertions.assertThat;

class ClientDisconnectsTests {

	@Test
	void aResponseWrittenToAClientThatLeftIsADisconnectWhereverItIsInTheCauses() {
		IOException reset = new IOException("Connection reset by peer");
		assertThat(ClientDisconnects.isClientDisconnect(new ClientAbortException(reset))).isTrue();
		assertThat(ClientDisconnects.isClientDisconnect(new AsyncRequestNotUsableException("flush failed", reset)))
			.isTrue();
		assertThat(ClientDisconnects.isClientDisconnect(new IllegalStateException(new ClientAbortException(reset))))
			.isTrue();
	}

	@Test
	void anOutboundCallWhoseServerResetTheConnectionIsNot() {
		ResourceAccessException outbound = new ResourceAccessException("I/O error on GET request",
				new SocketException("Connection reset by peer"));
		assertThat(ClientDisconnects.isClientDisconnect(outbound)).isFalse();
		assertThat(ClientDisconnects.isClientDisconnect(new IOException("Broken pipe"))).isFalse();
	}

	@Test
	void aCycleOfCausesEnds() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(ClientDisconnects.isClientDisconnect(first)).isFalse();
	}

}
