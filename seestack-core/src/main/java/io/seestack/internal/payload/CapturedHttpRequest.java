package io.seestack.internal.payload;

import io.seestack.Feature;
import io.seestack.HttpRequestEvent;
import org.jspecify.annotations.Nullable;

/** An HTTP request item with the user id and trace id resolved at capture time. */
public record CapturedHttpRequest(HttpRequestEvent event, @Nullable String userId, String traceId)
		implements CapturedEvent {

	@Override
	public long weight() {
		return 512 + 2L * this.event.path().length();
	}

	@Override
	public Feature feature() {
		return Feature.HTTP_REQUESTS;
	}

}
