package io.seestack.spring.autoconfigure.web;

import java.util.List;

import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClientIpResolver}.
 */
class ClientIpResolverTests {

	private static final List<String> PROXIES = List.of("10.0.0.0/8", "192.0.2.7", "2001:db8:ffff::/48");

	@Test
	void usesTheDirectPeerWhenNoProxyIsTrusted() {
		ClientIpResolver resolver = new ClientIpResolver(List.of(), IpCollection.FULL);
		assertThat(resolve(resolver, request("203.0.113.9"))).isEqualTo("203.0.113.9");
	}

	@Test
	void ignoresXForwardedForFromAPeerThatIsNotTrusted() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
		assertThat(resolve(resolver, request("203.0.113.9", "10.0.0.1, 198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void takesTheClientFromXForwardedForOfATrustedProxy() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("192.0.2.7", "198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void readsRightToLeftSkippingTrustedHopsSoThatASpoofedLeftmostEntryIsNeverChosen() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		// The client sent "X-Forwarded-For: 1.1.1.1"; its real address 198.51.100.1 was appended by two proxies.
		assertThat(resolve(resolver, request("10.0.0.2", "1.1.1.1, 198.51.100.1, 10.9.9.9, 192.0.2.7")))
			.isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("10.0.0.2", "1.1.1.1, 198.51.100.1", "10.9.9.9"))).as("several headers")
			.isEqualTo("198.51.100.1");
	}

	@Test
	void takesTheLeftmostHopWhenEveryHopIsTrusted() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("10.0.0.2", "10.3.3.3, 10.2.2.2"))).isEqualTo("10.3.3.3");
		assertThat(resolve(resolver, request("10.0.0.2"))).as("no header").isEqualTo("10.0.0.2");
	}

	@Test
	void recordsNoAddressWhenATrustedProxyCouldNotNameItsPeerSoThatAForgedEntryIsNeverChosen() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		// The client sent "X-Forwarded-For: 198.51.100.7"; the proxy could not name the client and appended "unknown".
		assertThat(resolve(resolver, request("10.0.0.2", "198.51.100.7, unknown"))).isNull();
		assertThat(resolve(resolver, request("10.0.0.2", "198.51.100.7", "unknown"))).as("several headers").isNull();
	}

	@Test
	void endsTheWalkAtAMalformedHopBetweenTrustedHops() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("10.0.0.2", "198.51.100.1, 10.9.9.9, garbage, 192.0.2.7"))).isNull();
	}

	@Test
	void endsTheWalkAtAnyHopThatIsNotAnAddress() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		for (String malformed : List.of("unknown", "", "999.1.1.1", "10.1.1.*", "_hidden", "garbage", "[2001:db8::1",
				"10.0.0.0/8", "::ffff:10.1.1.1/104")) {
			assertThat(resolve(resolver, request("10.0.0.2", "198.51.100.1, " + malformed + ", 10.9.9.9")))
				.as("'%s'", malformed)
				.isNull();
		}
		assertThat(resolve(resolver, request("10.0.0.2", "garbage"))).as("a whole header").isNull();
		assertThat(resolve(resolver, request("10.0.0.2", ""))).as("an empty header").isNull();
	}

	@Test
	void ignoresMalformedEntriesLeftOfTheClient() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("10.0.0.2", "unknown, _hidden, , 198.51.100.1, 10.9.9.9")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void acceptsEntriesWithPorts() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("10.0.0.2", "198.51.100.1:4711"))).isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("10.0.0.2", "[2001:db8:1::5]:443"))).isEqualTo("2001:db8:1::5");
	}

	@Test
	void supportsIpv6PeersProxiesAndClients() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("2001:db8:ffff:0:0:0:0:1", "2001:db8:1:2:3:4:5:6, 2001:db8:ffff::9")))
			.isEqualTo("2001:db8:1:2:3:4:5:6");
		assertThat(resolve(resolver, request("2001:db8:aaaa::1", "198.51.100.1"))).as("untrusted IPv6 peer")
			.isEqualTo("2001:db8:aaaa::1");
		assertThat(resolve(resolver, request("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
	}

	@Test
	void treatsAnIpv4MappedPeerAsItsIpv4Address() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("::ffff:10.0.0.2", "198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void trustsIpv4AndIpv4MappedPeersAndHopsInAnIpv4MappedBlock() {
		ClientIpResolver resolver = new ClientIpResolver(List.of("::ffff:10.0.0.0/104", "::ffff:192.0.2.7/128"),
				IpCollection.FULL);
		assertThat(resolve(resolver, request("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("::ffff:10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("192.0.2.7", "198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("10.1.2.3", "198.51.100.1, 10.9.9.9, ::ffff:10.8.8.8")))
			.as("trusted hops")
			.isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("11.1.2.3", "198.51.100.1"))).as("outside the /8").isEqualTo("11.1.2.3");
		assertThat(resolve(resolver, request("::ffff:11.1.2.3", "198.51.100.1"))).as("outside the /8")
			.isEqualTo("11.1.2.3");
	}

	@Test
	void trustsIpv4MappedPeersAndHopsInAnIpv4Block() {
		ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8"), IpCollection.FULL);
		assertThat(resolve(resolver, request("::ffff:10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("::ffff:10.1.2.3", "198.51.100.1, ::ffff:10.9.9.9")))
			.isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("::ffff:11.1.2.3", "198.51.100.1"))).isEqualTo("11.1.2.3");
	}

	@Test
	void takesTheWholeMappedRangeAsAllOfIpv4() {
		ClientIpResolver resolver = new ClientIpResolver(List.of("::ffff:0:0/96"), IpCollection.FULL);
		assertThat(resolve(resolver, request("203.0.113.9", "198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(resolve(resolver, request("2001:db8::1", "198.51.100.1"))).as("IPv6 peer").isEqualTo("2001:db8::1");
	}

	@Test
	void refusesAnIpv4MappedBlockWithAPrefixUnder96NamingTheEntry() {
		// Probably meant as 10.0.0.0/8; as IPv6 it is ::/8, which holds every IPv4-mapped address.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientIpResolver(List.of("10.0.0.0/8", "::ffff:10.0.0.0/8"), IpCollection.FULL))
			.withMessageContaining("seestack.trusted-proxies[1] '::ffff:10.0.0.0/8'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientIpResolver(List.of("::ffff:0:0/95"), IpCollection.FULL))
			.withMessageContaining("seestack.trusted-proxies[0] '::ffff:0:0/95'");
	}

	@Test
	void anonymizesTheLastIpv4OctetAndTheLast80Ipv6Bits() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.ANONYMIZED);
		assertThat(resolve(resolver, request("203.0.113.77"))).isEqualTo("203.0.113.0");
		assertThat(resolve(resolver, request("2001:db8:1234:5678:9abc:def0:1234:5678"))).isEqualTo("2001:db8:1234::");
		assertThat(resolve(resolver, request("10.0.0.2", "198.51.100.123"))).isEqualTo("198.51.100.0");
	}

	@Test
	void collectsNothingWhenIpCollectionIsOff() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.NONE);
		assertThat(resolve(resolver, request("203.0.113.77"))).isNull();
	}

	@Test
	void recordsNoAddressForAPeerThatIsNotAnIpAddress() {
		ClientIpResolver resolver = new ClientIpResolver(PROXIES, IpCollection.FULL);
		assertThat(resolve(resolver, request("not-an-address"))).isNull();
	}

	@Test
	void followsTheEffectiveIpCollectionOfTheProperties() {
		SeeStackProperties properties = new SeeStackProperties();
		assertThat(ClientIpResolver.from(properties).collection()).isEqualTo(IpCollection.NONE);
		properties.setSendDefaultPii(true);
		assertThat(ClientIpResolver.from(properties).collection()).isEqualTo(IpCollection.FULL);
		properties.getUser().setIp(IpCollection.ANONYMIZED);
		assertThat(ClientIpResolver.from(properties).collection()).isEqualTo(IpCollection.ANONYMIZED);
	}

	@Test
	void refusesAnInvalidTrustedProxyNamingTheEntry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientIpResolver(List.of("10.0.0.0/8", "10.0.0.0/33"), IpCollection.FULL))
			.withMessageContaining("seestack.trusted-proxies[1] '10.0.0.0/33'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientIpResolver(List.of("proxy.example.com"), IpCollection.FULL))
			.withMessageContaining("'proxy.example.com' is not an IP address or CIDR block");
	}

	private static @Nullable String resolve(ClientIpResolver resolver, MockHttpServletRequest request) {
		return resolver.resolve(request.getRemoteAddr(),
				request.getHeaders(ClientIpResolver.X_FORWARDED_FOR).asIterator());
	}

	private static MockHttpServletRequest request(String remoteAddress, String... forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr(remoteAddress);
		for (String header : forwardedFor) {
			request.addHeader(ClientIpResolver.X_FORWARDED_FOR, header);
		}
		return request;
	}

}
