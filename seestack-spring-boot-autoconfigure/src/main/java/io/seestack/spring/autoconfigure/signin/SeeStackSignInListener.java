package io.seestack.spring.autoconfigure.signin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends Spring Security's sign-ins to SeeStack as log events, through the logs endpoint:
 * <ul>
 * <li>an {@link InteractiveAuthenticationSuccessEvent} (form login, OAuth2 or SAML login, remember-me), at
 * {@code info}, "Sign-in succeeded". HTTP Basic and bearer-token requests authenticate on every request and
 * publish no such event: they are no sign-in, and one event per request would flood;</li>
 * <li>every {@link AbstractAuthenticationFailureEvent}, at {@code info}, "Sign-in failed", until the failures from
 * its client IP, or for its login, reach the brute-force threshold within the window: then one {@code warn}
 * "Possible brute force" event is sent instead, and no more for that IP or login until the window has passed.</li>
 * </ul>
 * Their metadata {@code signIn} holds the outcome, the method, the login (per {@link SignInProperties.Mode}), the
 * failure's reason, whether the account exists when Spring Security tells, the client IP (per
 * {@code seestack.user.ip}) and the user agent. The credentials are never read: the login is taken only from a
 * username and password's principal, never from a bearer token, whose principal is the token itself.
 */
public class SeeStackSignInListener implements ApplicationListener<AbstractAuthenticationEvent> {

	private static final Log logger = LogFactory.getLog(SeeStackSignInListener.class);

	/** A login or user agent is cut to this length: an attacker chooses them. */
	static final int MAX_TEXT = 256;

	static final String LABEL = "sign-in";

	private final SeeStackClient client;

	private final SignInProperties.Mode mode;

	private final LoginAnonymizer anonymizer;

	private final ClientIpResolver recordedIp;

	private final ClientIpResolver countedIp;

	private final FailureWindows byIp;

	private final FailureWindows byLogin;

	private final int threshold;

	private final Duration window;

	SeeStackSignInListener(SeeStackClient client, SignInProperties properties, String salt,
			ClientIpResolver recordedIp, ClientIpResolver countedIp, FailureWindows byIp, FailureWindows byLogin) {
		this.client = client;
		this.mode = properties.getMode();
		this.anonymizer = new LoginAnonymizer(salt);
		this.recordedIp = recordedIp;
		this.countedIp = countedIp;
		this.byIp = byIp;
		this.byLogin = byLogin;
		this.threshold = properties.getBruteForce().getThreshold();
		this.window = properties.getBruteForce().getWindow();
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		if (this.mode == SignInProperties.Mode.OFF) {
			return;
		}
		try {
			if (event instanceof InteractiveAuthenticationSuccessEvent success) {
				succeeded(success.getAuthentication());
			}
			else if (event instanceof AbstractAuthenticationFailureEvent failure && isSignInFailure(failure)) {
				failed(failure);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not report a sign-in (" + ex.getClass().getName() + ")");
		}
	}

	/**
	 * Whether the event is a failed sign-in. A {@link AuthenticationFailureProviderNotFoundEvent} is not: a parent
	 * {@code ProviderManager} publishes it for a token type it has no provider for, even when its child has already
	 * handled (and published) the attempt, as for every bearer token of a resource server.
	 */
	static boolean isSignInFailure(AbstractAuthenticationFailureEvent event) {
		return !(event instanceof AuthenticationFailureProviderNotFoundEvent);
	}

	private void succeeded(Authentication authentication) {
		HttpServletRequest request = currentRequest();
		String name = authentication.getName();
		Map<String, Object> signIn = common("success", authentication, request, (name != null) ? shown(name) : null);
		this.client.log().labels(LABEL).with("signIn", signIn).info("Sign-in succeeded");
	}

	private void failed(AbstractAuthenticationFailureEvent event) {
		HttpServletRequest request = currentRequest();
		String login = attemptedLogin(event.getAuthentication());
		// Hashed once: in a brute-force attack this runs for every attempt.
		String counted = (login != null) ? this.anonymizer.anonymize(login) : null;
		String shown = (login == null) ? null
				: (this.mode == SignInProperties.Mode.ANONYMIZE) ? counted : shown(login);
		List<Map<String, Object>> alerts = new ArrayList<>();
		boolean suppressed = false;
		String ip = (request != null) ? clientIp(this.countedIp, request) : null;
		if (ip != null) {
			FailureWindows.Verdict verdict = this.byIp.record(ip);
			suppressed |= verdict != FailureWindows.Verdict.UNDER;
			if (verdict == FailureWindows.Verdict.ALERT) {
				alerts.add(alert("ip", "ip", (request != null) ? clientIp(this.recordedIp, request) : null));
			}
		}
		if (counted != null) {
			FailureWindows.Verdict verdict = this.byLogin.record(counted);
			suppressed |= verdict != FailureWindows.Verdict.UNDER;
			if (verdict == FailureWindows.Verdict.ALERT) {
				alerts.add(alert("login", "login", shown));
			}
		}
		if (!alerts.isEmpty()) {
			Map<String, Object> signIn = common("failure", event.getAuthentication(), request, shown);
			signIn.put("bruteForce", alerts);
			this.client.log()
				.labels(LABEL, "brute-force")
				.with("signIn", signIn)
				.warn("Possible brute force: " + this.threshold + " failed sign-ins " + describe(alerts) + " within "
						+ this.window.toSeconds() + " s");
		}
		else if (!suppressed) {
			SignInFailures failure = SignInFailures.of(event.getException());
			Map<String, Object> signIn = common("failure", event.getAuthentication(), request, shown);
			signIn.put("reason", failure.reason());
			signIn.put("exception", event.getException().getClass().getName());
			if (failure.accountExists() != null) {
				signIn.put("accountExists", failure.accountExists());
			}
			this.client.log().labels(LABEL).with("signIn", signIn).info("Sign-in failed");
		}
	}

	private Map<String, Object> common(String outcome, Authentication authentication,
			@Nullable HttpServletRequest request, @Nullable String shown) {
		Map<String, Object> signIn = new LinkedHashMap<>();
		signIn.put("outcome", outcome);
		signIn.put("method", method(authentication, request));
		if (shown != null) {
			signIn.put("login", shown);
		}
		if (request != null) {
			String ip = clientIp(this.recordedIp, request);
			if (ip != null) {
				signIn.put("clientIp", ip);
			}
			String userAgent = request.getHeader("User-Agent");
			if (userAgent != null) {
				signIn.put("userAgent", cut(userAgent));
			}
		}
		return signIn;
	}

	private static Map<String, Object> alert(String by, String name, @Nullable String value) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("by", by);
		if (value != null) {
			alert.put(name, value);
		}
		return alert;
	}

	private static String describe(List<Map<String, Object>> alerts) {
		return String.join(" and ", alerts.stream()
			.map((alert) -> "ip".equals(alert.get("by")) ? "from one client IP" : "for one login")
			.toList());
	}

	/** The login as this mode sends it. */
	private @Nullable String shown(String login) {
		return switch (this.mode) {
			case IDENTIFY -> cut(login);
			case ANONYMIZE -> this.anonymizer.anonymize(login);
			case OFF -> null;
		};
	}

	/** The username typed: only a username and password's principal is a login; a bearer token's is the token. */
	private static @Nullable String attemptedLogin(Authentication authentication) {
		if (authentication instanceof UsernamePasswordAuthenticationToken) {
			String name = authentication.getName();
			return (name != null && !name.isEmpty()) ? name : null;
		}
		return null;
	}

	private static String method(Authentication authentication, @Nullable HttpServletRequest request) {
		if (authentication.getClass().getName().contains("BearerToken")) {
			return "bearer";
		}
		String authorization = (request != null) ? request.getHeader("Authorization") : null;
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return "basic";
		}
		if (authentication instanceof UsernamePasswordAuthenticationToken) {
			return "form";
		}
		return authentication.getClass().getSimpleName().replace("AuthenticationToken", "").toLowerCase(Locale.ROOT);
	}

	private static String cut(String text) {
		return (text.length() > MAX_TEXT) ? text.substring(0, MAX_TEXT) : text;
	}

	private static @Nullable HttpServletRequest currentRequest() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}


	private static @Nullable String clientIp(ClientIpResolver resolver, HttpServletRequest request) {
		Enumeration<String> forwardedFor = request.getHeaders(ClientIpResolver.X_FORWARDED_FOR);
		return resolver.resolve(request.getRemoteAddr(), forwardedFor);
	}

}
