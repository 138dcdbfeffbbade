package io.seestack.spring.autoconfigure.web;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Tells {@link SeeStackRequestFilter} when a request ends: for a synchronous request, after the container has
 * rendered its error page, if any, so that the request's HTTP item has the final status and counts the error
 * page's bytes. Only a servlet container calls request listeners (MockMvc, for one, does not): a request whose
 * start it was not told of is completed by the filter at the end of its request dispatch, as before.
 */
final class SeeStackRequestListener implements ServletRequestListener {

	private final SeeStackRequestFilter filter;

	SeeStackRequestListener(SeeStackRequestFilter filter) {
		this.filter = filter;
	}

	@Override
	public void requestInitialized(ServletRequestEvent event) {
		event.getServletRequest().setAttribute(RequestState.END_LISTENED_ATTRIBUTE, Boolean.TRUE);
	}

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		this.filter.requestEnded(event.getServletRequest());
	}

}
