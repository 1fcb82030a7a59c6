package io.telltale.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkRangeTest {

    @Test
    void ipv4BlocksContainTheirAddressesOnly() {
        NetworkRange internal = NetworkRange.parse("10.0.0.0/8");
        assertThat(internal.contains("10.255.3.4")).isTrue();
        assertThat(internal.contains("11.0.0.1")).isFalse();
        NetworkRange odd = NetworkRange.parse("192.168.1.64/26");
        assertThat(odd.contains("192.168.1.64")).isTrue();
        assertThat(odd.contains("192.168.1.127")).isTrue();
        assertThat(odd.contains("192.168.1.128")).isFalse();
        assertThat(odd.contains("192.168.1.63")).isFalse();
    }

    @Test
    void ipv6BlocksAndMappedIpv4() {
        NetworkRange ula = NetworkRange.parse("fd00::/8");
        assertThat(ula.contains("fd12:3456::1")).isTrue();
        assertThat(ula.contains("fe80::1")).isFalse();
        assertThat(NetworkRange.parse("10.0.0.0/8").contains("::ffff:10.1.2.3")).isTrue();
        assertThat(ula.contains("10.1.2.3")).isFalse();
    }

    @Test
    void aSingleAddressIsAFullLengthBlock() {
        assertThat(NetworkRange.parse("203.0.113.7").contains("203.0.113.7")).isTrue();
        assertThat(NetworkRange.parse("203.0.113.7").contains("203.0.113.8")).isFalse();
        assertThat(NetworkRange.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
    }

    @Test
    void nonAddressesAreNeitherParsedNorContained() {
        assertThatThrownBy(() -> NetworkRange.parse("example.com/8")).hasMessageContaining("not an IPv4 or IPv6");
        assertThatThrownBy(() -> NetworkRange.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> NetworkRange.parse("256.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkRange.parse("fd00::/129")).hasMessageContaining("0..128");
        assertThat(NetworkRange.parse("10.0.0.0/8").contains("localhost")).isFalse();
        assertThat(NetworkRange.parse("10.0.0.0/8").contains(null)).isFalse();
        assertThat(NetworkRange.parse("10.0.0.0/8").contains("zz::1")).isFalse();
    }
}
