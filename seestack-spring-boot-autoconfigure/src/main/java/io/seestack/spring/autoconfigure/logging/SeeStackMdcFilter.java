package io.seestack.spring.autoconfigure.logging;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request scope's user id, trace id and replay session id into the MDC for the rest of the request, once
 * Spring Security has said who the user is (it is registered just after the SeeStack user filter), and restores
 * the MDC's previous values when the dispatch ends.
 */
public class SeeStackMdcFilter extends OncePerRequestFilter {

	private static final String ALREADY_FILTERED_ATTRIBUTE = SeeStackMdcFilter.class.getName()
			+ ALREADY_FILTERED_SUFFIX;

	private final SeeStackMdc mdc;

	public SeeStackMdcFilter(SeeStackMdc mdc) {
		this.mdc = mdc;
	}

	@Override
	protected String getAlreadyFilteredAttributeName() {
		return ALREADY_FILTERED_ATTRIBUTE;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (SeeStackMdc.Restore restore = this.mdc.put()) {
			chain.doFilter(request, response);
		}
	}

}
