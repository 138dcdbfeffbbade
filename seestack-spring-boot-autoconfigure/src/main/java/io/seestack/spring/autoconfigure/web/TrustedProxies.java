package io.seestack.spring.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import inet.ipaddr.IPAddress;

/**
 * The proxies whose {@code X-Forwarded-For} header is believed: CIDR blocks and single addresses, IPv4 and IPv6,
 * from {@code seestack.trusted-proxies}. IPv4-mapped IPv6 entries are kept as the IPv4 blocks they carry, because
 * addresses are matched in their IPv4 form: {@code 10.0.0.0/8} and {@code ::ffff:10.0.0.0/104} trust the same peers,
 * whether a peer is reported as {@code 10.1.2.3} or {@code ::ffff:10.1.2.3}.
 */
final class TrustedProxies {

	private static final TrustedProxies NONE = new TrustedProxies(List.of());

	private final List<IPAddress> blocks;

	private TrustedProxies(List<IPAddress> blocks) {
		this.blocks = blocks;
	}

	/**
	 * Parses the entries.
	 * @throws IllegalArgumentException naming the first entry that is neither an IP address nor a CIDR block, or is
	 * an IPv4-mapped block with a prefix under 96 (see {@link IpAddresses#parseBlock})
	 */
	static TrustedProxies of(List<String> entries) {
		if (entries.isEmpty()) {
			return NONE;
		}
		List<IPAddress> blocks = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i);
			IPAddress block = (entry != null) ? IpAddresses.parseBlock(entry) : null;
			if (block == null) {
				throw InvalidWebPropertyException.trustedProxy(i, String.valueOf(entry));
			}
			blocks.add(block);
		}
		return new TrustedProxies(List.copyOf(blocks));
	}

	boolean isEmpty() {
		return this.blocks.isEmpty();
	}

	boolean contains(IPAddress address) {
		for (IPAddress block : this.blocks) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
