package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.WireFixtures.NOW;
import static io.telltale.connectors.serde.WireFixtures.TWO_SECONDS_LATER;
import static io.telltale.connectors.serde.WireFixtures.cartAdd;
import static io.telltale.connectors.serde.WireFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommerceEventSerdeTest {
    private final CommerceEventSerde serde = new CommerceEventSerde(ValidationLimits.DEFAULTS, NOW);

    @Test
    void roundTrips() throws Exception {
        assertThat(serde.deserialize(serde.serialize(cartAdd()))).isEqualTo(cartAdd());
    }

    @Test
    void roundTripsAnAccountChangeAndAnOrderValue() throws Exception {
        assertThat(serde.deserialize(serde.serialize(WireFixtures.emailChange()))).isEqualTo(WireFixtures.emailChange());
        assertThat(serde.deserialize(serde.serialize(WireFixtures.checkoutWorth(1249.5))).value()).isEqualTo(1249.5);
    }

    @Test
    void anEventWithoutChangeOrValueSaysNeither() throws Exception {
        CommerceEvent e = serde.deserialize(serde.serialize(cartAdd()));

        assertThat(e.change()).isNull();
        assertThat(e.value()).isNaN();
        assertThat(new String(serde.serialize(cartAdd()), StandardCharsets.UTF_8)).doesNotContain("value", "change");
    }

    @Test
    void writesTypeAsLowerCaseName() {
        assertThat(new String(serde.serialize(cartAdd()), StandardCharsets.UTF_8))
                .startsWith("{\"v\":1,\"type\":\"cart_add\",\"sessionId\":\"s-42\"");
    }

    @Test
    void readsTheMinimalEventWithDefaults() throws Exception {
        CommerceEvent e = serde.deserialize(utf8(
                "{\"v\":1,\"type\":\"login_failed\",\"sessionId\":\"s\",\"time\":" + TWO_SECONDS_LATER + ",\"extra\":[1]}"));

        assertThat(e.type()).isEqualTo(CommerceEventType.LOGIN_FAILED);
        assertThat(e.quantity()).isZero();
        assertThat(e.sku()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"v":1,"type":"teleport","sessionId":"s","time":1772366402000}   | INVALID_VALUE
            {"v":1,"sessionId":"s","time":1772366402000}                     | MISSING_FIELD
            {"v":1,"type":"login","sessionId":" ","time":1772366402000}      | INVALID_VALUE
            {"v":1,"type":"login","sessionId":"s","time":-1}                 | BAD_TIMESTAMP
            {"v":1,"type":"login","sessionId":"s","time":9772366402000}      | BAD_TIMESTAMP
            {"v":1,"type":"login","sessionId":"s"}                           | MISSING_FIELD
            {"v":1,"type":"cart_add","sessionId":"s","quantity":-2,"time":1772366402000} | INVALID_VALUE
            {"v":1,"type":"cart_add","sessionId":"s","quantity":1.5,"time":1772366402000} | WRONG_TYPE
            {"v":1,"type":"checkout","sessionId":"s","value":-5,"time":1772366402000} | INVALID_VALUE
            {"v":1,"type":"checkout","sessionId":"s","value":"5","time":1772366402000} | WRONG_TYPE
            {"v":1,"type":"account_change","sessionId":"s","change":3,"time":1772366402000} | WRONG_TYPE
            {"v":3,"type":"login","sessionId":"s","time":1772366402000}      | UNSUPPORTED_VERSION
            {"v":1,"type":"login","sessionId":"s","time":1772366402000},     | MALFORMED_JSON
            """)
    void rejects(String json, DeadLetterReason reason) {
        assertThatThrownBy(() -> serde.deserialize(utf8(json)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
