package io.seestack.spring.autoconfigure.web;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import org.jspecify.annotations.Nullable;

/**
 * Parsing and formatting of IP addresses, with the ipaddress library. Only plain IPv4 and IPv6 literals are
 * accepted (no wildcards, ranges, masks, single numbers or inet_aton forms); an IPv4-mapped IPv6 address is
 * treated as the IPv4 address it carries, and an IPv6 zone is dropped. IPv4-mapped CIDR blocks are likewise the IPv4
 * blocks they carry, so that a block and an address match whichever of the two forms each was written in (a
 * dual-stack server reports an IPv4 peer as {@code ::ffff:a.b.c.d}).
 */
final class IpAddresses {

	/** An IPv4 address keeps its first 24 bits when anonymized. */
	static final int ANONYMIZED_IPV4_BITS = 24;

	/** An IPv6 address keeps its first 48 bits (the last 80 are zeroed) when anonymized. */
	static final int ANONYMIZED_IPV6_BITS = 48;

	/** The length of {@code ::ffff:0:0/96}, the prefix of every IPv4-mapped IPv6 address. */
	private static final int IPV4_MAPPED_PREFIX_LENGTH = 96;

	private static final IPAddressStringParameters ADDRESS = strict(false);

	private static final IPAddressStringParameters ADDRESS_OR_PREFIX = strict(true);

	private IpAddresses() {
	}

	/** The address, or {@code null} if {@code text} is not a plain IP address. */
	static @Nullable IPAddress parse(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		IPAddress address = new IPAddressString(text, ADDRESS).getAddress();
		return (address != null) ? normalize(address) : null;
	}

	/**
	 * The address or CIDR block, or {@code null} if {@code text} is neither. {@code 10.1.2.3/8} means the block
	 * {@code 10.0.0.0/8}, and an IPv4-mapped block {@code ::ffff:10.0.0.0/104} the IPv4 block {@code 10.0.0.0/8}
	 * (its prefix less 96).
	 * <p>
	 * An IPv4-mapped address with a prefix under 96 is refused ({@code null}): as IPv6 that block reaches beyond
	 * {@code ::ffff:0:0/96}, which is the whole of IPv4, so it has no IPv4 form, and it is most likely an IPv4 prefix
	 * written after a mapped address: {@code ::ffff:10.0.0.0/8}, meant as {@code 10.0.0.0/8}, is the IPv6 block
	 * {@code ::/8}, which holds every mapped address and would trust every IPv4 peer. An IPv6 block written without a
	 * mapped address (such as {@code ::/0}) stays IPv6, and matches no IPv4 address, mapped or not.
	 */
	static @Nullable IPAddress parseBlock(String text) {
		IPAddress address = new IPAddressString(text.strip(), ADDRESS_OR_PREFIX).getAddress();
		if (address == null) {
			return null;
		}
		if (!address.isPrefixed()) {
			return normalize(address);
		}
		if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
			if (address.getNetworkPrefixLength() < IPV4_MAPPED_PREFIX_LENGTH) {
				return null;
			}
			// The library carries the prefix over to the IPv4 address, less the 96 bits in front of it
			return address.toIPv6().toPrefixBlock().getEmbeddedIPv4Address().toPrefixBlock();
		}
		return address.toPrefixBlock();
	}

	/** The address as text: dotted IPv4, or compressed IPv6. */
	static String format(IPAddress address) {
		return address.isIPv6() ? address.toCompressedString() : address.toNormalizedString();
	}

	/** The address with its last IPv4 octet, or its last 80 IPv6 bits, zeroed. */
	static String anonymize(IPAddress address) {
		int keep = address.isIPv4() ? ANONYMIZED_IPV4_BITS : ANONYMIZED_IPV6_BITS;
		return format(address.toZeroHost(keep).withoutPrefixLength());
	}

	private static IPAddress normalize(IPAddress address) {
		if (address.isIPv6()) {
			IPv6Address ipv6 = address.toIPv6();
			if (ipv6.isIPv4Mapped()) {
				return ipv6.getEmbeddedIPv4Address();
			}
			return ipv6.hasZone() ? ipv6.removeZone() : ipv6;
		}
		return address;
	}

	private static IPAddressStringParameters strict(boolean allowPrefix) {
		return new IPAddressStringParameters.Builder().allowEmpty(false)
			.allowAll(false)
			.allowSingleSegment(false)
			.allow_inet_aton(false)
			.allowPrefixOnly(false)
			.allowMask(false)
			.allowPrefix(allowPrefix)
			.allowWildcardedSeparator(false)
			.setRangeOptions(RangeParameters.NO_RANGE)
			.toParams();
	}

}
