package io.seestack.spring.autoconfigure.web;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

import inet.ipaddr.IPAddress;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import org.jspecify.annotations.Nullable;

/**
 * Finds the IP address of the client that sent a request, and how much of it to record
 * ({@code seestack.user.ip}).
 *
 * <p>The client is the direct peer (the servlet request's remote address, the exchange's remote address in
 * WebFlux), unless that peer is one of
 * {@code seestack.trusted-proxies}. Only then is {@code X-Forwarded-For} read, right to left: trusted hops are
 * skipped, and the first untrusted address is the client (if every hop is trusted, the leftmost one). A client that
 * sends its own {@code X-Forwarded-For} straight to the application cannot choose the address recorded for it. (Spring
 * Boot's {@code server.forward-headers-strategy} may already have rewritten the peer, and not always trustworthily:
 * {@code framework} takes the leftmost {@code X-Forwarded-For} entry, whoever wrote it; see {@code docs/privacy.md}.)
 *
 * <p>A malformed hop ({@code unknown}, an empty entry, anything that is not an IP address with an optional port)
 * ends the walk, and the client's address is then unknown: none is recorded. The hop was appended by a trusted proxy
 * that could not name its peer, so nothing to its left is vouched for by a proxy we trust; skipping it would let a
 * client's own forged entry be recorded. Malformed entries left of the client are never reached and do no harm.
 */
public final class ClientIpResolver {

	/** The de-facto standard header that proxies append the address of their peer to. */
	public static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final TrustedProxies trustedProxies;

	private final IpCollection collection;

	/**
	 * Creates a resolver.
	 * @param trustedProxies CIDR blocks or single addresses of trusted proxies, IPv4 or IPv6
	 * @param collection how much of the address to record
	 * @throws IllegalArgumentException naming the first entry that is not an address or CIDR block, or is an
	 * IPv4-mapped block with a prefix under 96
	 */
	public ClientIpResolver(List<String> trustedProxies, IpCollection collection) {
		this.trustedProxies = TrustedProxies.of(trustedProxies);
		this.collection = collection;
	}

	/**
	 * Creates a resolver from {@code seestack.trusted-proxies} and the effective {@code seestack.user.ip}.
	 * @param properties the SeeStack properties
	 * @return the resolver
	 * @throws IllegalArgumentException naming the first trusted proxy that is not an address or CIDR block, or is an
	 * IPv4-mapped block with a prefix under 96
	 */
	public static ClientIpResolver from(SeeStackProperties properties) {
		return new ClientIpResolver(properties.getTrustedProxies(), properties.effectiveIpCollection());
	}

	/** How much of the address {@link #resolve(String, Iterator)} returns. */
	public IpCollection collection() {
		return this.collection;
	}

	/**
	 * The client IP of a servlet request, from its peer and its {@code X-Forwarded-For} values as the container
	 * gives them.
	 * @param remoteAddress the direct peer's address
	 * @param forwardedFor the {@code X-Forwarded-For} values, or {@code null}
	 * @return the address to record, or {@code null} when IP collection is off or the address is unknown
	 */
	public @Nullable String resolve(@Nullable String remoteAddress, @Nullable Enumeration<String> forwardedFor) {
		return resolve(remoteAddress, (forwardedFor != null) ? forwardedFor.asIterator() : null);
	}

	/**
	 * The client's address as it is to be recorded: whole, anonymized, or not at all. The request filters (servlet
	 * and WebFlux) ask once per request, and keep it in the request's scope.
	 * @param remoteAddress the direct peer's address, as text
	 * @param forwardedFor the {@code X-Forwarded-For} header values, in the order received, or {@code null}; read
	 * only when the peer is a trusted proxy
	 * @return the address to record, or {@code null} when IP collection is off or the address is unknown
	 */
	public @Nullable String resolve(@Nullable String remoteAddress, @Nullable Iterator<String> forwardedFor) {
		if (this.collection == IpCollection.NONE) {
			return null;
		}
		IPAddress client = clientAddress(remoteAddress, forwardedFor);
		if (client == null) {
			return null;
		}
		return (this.collection == IpCollection.ANONYMIZED) ? IpAddresses.anonymize(client)
				: IpAddresses.format(client);
	}

	/**
	 * The client's whole address, whatever the collection setting.
	 * @param remoteAddress the direct peer's address
	 * @param forwardedFor the {@code X-Forwarded-For} header values, in the order received, or {@code null}
	 * @return the address, or {@code null} if the peer's address is not an IP address or the walk through
	 * {@code X-Forwarded-For} ends on a malformed hop
	 */
	@Nullable IPAddress clientAddress(@Nullable String remoteAddress, @Nullable Iterator<String> forwardedFor) {
		IPAddress peer = IpAddresses.parse(remoteAddress);
		if (peer == null || forwardedFor == null || this.trustedProxies.isEmpty()
				|| !this.trustedProxies.contains(peer)) {
			return peer;
		}
		List<String> hops = hops(forwardedFor);
		IPAddress leftmostTrusted = null;
		for (int i = hops.size() - 1; i >= 0; i--) {
			IPAddress hop = IpAddresses.parse(withoutPort(hops.get(i)));
			if (hop == null) {
				return null; // a trusted proxy could not name its peer: nothing further left is vouched for
			}
			if (!this.trustedProxies.contains(hop)) {
				return hop;
			}
			leftmostTrusted = hop;
		}
		return (leftmostTrusted != null) ? leftmostTrusted : peer;
	}

	private static List<String> hops(Iterator<String> headerValues) {
		if (!headerValues.hasNext()) {
			return List.of();
		}
		List<String> hops = new ArrayList<>();
		while (headerValues.hasNext()) {
			for (String hop : headerValues.next().split(",")) {
				hops.add(hop.strip());
			}
		}
		return hops;
	}

	/** {@code [2001:db8::1]:443} → {@code 2001:db8::1}; {@code 192.0.2.1:443} → {@code 192.0.2.1}. */
	private static String withoutPort(String hop) {
		if (hop.startsWith("[")) {
			int end = hop.indexOf(']');
			return (end > 0) ? hop.substring(1, end) : hop;
		}
		int colon = hop.indexOf(':');
		if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
			return hop.substring(0, colon);
		}
		return hop;
	}

}
