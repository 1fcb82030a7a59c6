package io.telltale.connectors.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.policy.NetworkRange;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    final ClientAddress address = new ClientAddress(List.of(NetworkRange.parse("10.0.0.0/8")));

    @Test
    void forwardedForCountsOnlyFromATrustedPeer() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.1.2.3");
        InetAddress stranger = InetAddress.getByName("198.51.100.7");
        assertThat(address.resolve(stranger, List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
        assertThat(address.resolve(proxy, List.of())).isEqualTo("10.1.2.3");
        assertThat(address.resolve(proxy, List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // Right to left, skipping our own proxies; the client-written left part is ignored.
        assertThat(address.resolve(proxy, List.of("1.1.1.1, 203.0.113.9, 10.9.9.9"))).isEqualTo("203.0.113.9");
        assertThat(address.resolve(proxy, List.of("1.1.1.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(address.resolve(proxy, List.of("garbage, 10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(address.resolve(proxy, List.of("2001:DB8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void stampAppendsTheFieldsBeforeTheClosingBrace() {
        byte[] stamped = Gateway.stamp("{\"v\":1,\"x\":{}} \n".getBytes(), 42, "203.0.113.9");
        assertThat(new String(stamped)).isEqualTo("{\"v\":1,\"x\":{},\"receivedAt\":42,\"clientIp\":\"203.0.113.9\"}");
    }

    @Test
    void theSessionIdIsReplacedOnlyAtTheTopLevelAndEverythingElseIsKept() throws Exception {
        String batch = "{\"v\":1,\"extra\":{\"sessionId\":\"inner\"},\"sessionId\":\"placeholder\",\"seq\":0,"
                + "\"mouse\":{\"t\":[0,16],\"x\":[1,2]},\"f\":0.25}";
        assertThat(new String(Gateway.withSessionId(batch.getBytes(), "minted"))).isEqualTo(
                "{\"v\":1,\"extra\":{\"sessionId\":\"inner\"},\"sessionId\":\"minted\",\"seq\":0,"
                        + "\"mouse\":{\"t\":[0,16],\"x\":[1,2]},\"f\":0.25}");
    }

    @Test
    void theSessionIdIsSplicedOverEscapesAndWhitespaceLeavingEveryOtherByteAsSent() throws Exception {
        String batch = "{ \"mouse\" : {\"t\":[0, 16.5e0],\"s\":\"}\\\"\"},\n \"sessionId\" : \"pl\\u0061ce\\\"holder\" ,\"seq\":0 }";
        assertThat(new String(Gateway.withSessionId(batch.getBytes(), "minted"))).isEqualTo(
                "{ \"mouse\" : {\"t\":[0, 16.5e0],\"s\":\"}\\\"\"},\n \"sessionId\" : \"minted\" ,\"seq\":0 }");
    }

    @Test
    void aBatchWithoutATopLevelSessionIdIsAnError() {
        assertThatThrownBy(() -> Gateway.withSessionId("{\"x\":{\"sessionId\":\"inner\"}}".getBytes(), "minted"))
                .isInstanceOf(IOException.class);
    }
}
