package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.WireFixtures.BEGINNING;
import static io.telltale.connectors.serde.WireFixtures.NOW;
import static io.telltale.connectors.serde.WireFixtures.TWO_SECONDS_LATER;
import static io.telltale.connectors.serde.WireFixtures.fullBatch;
import static io.telltale.connectors.serde.WireFixtures.telemetrySerde;
import static io.telltale.connectors.serde.WireFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.TelemetryBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TelemetryBatchSerdeTest {
    private final TelemetryBatchSerde serde = telemetrySerde();

    @Test
    void roundTripsEveryField() throws Exception {
        TelemetryBatch batch = fullBatch();

        TelemetryBatch back = serde.deserialize(serde.serialize(batch));

        assertThat(back).usingRecursiveComparison().isEqualTo(batch);
    }

    @Test
    void writesTheDocumentedShape() {
        String json = new String(serde.serialize(fullBatch()), StandardCharsets.UTF_8);

        assertThat(json)
                .startsWith("{\"v\":1,\"sessionId\":\"s-42\",\"userId\":\"u-7\",\"pageId\":\"pA7f3k9Qx2Lm0wZc\",\"seq\":3,")
                .contains("\"screen\":[1920,1080]", "\"viewport\":[1280,720]")
                .contains("\"mouse\":{\"t\":[0,16,33,50],\"x\":[100,104,111,111],\"y\":[200,203,207,207],\"kind\":[0,0,0,3]}")
                .contains("\"keys\":{\"t\":[400,480,520],\"down\":[1,0,1],\"cls\":[0,0,2]}")
                .contains("\"force\":[0.5,0.25]")
                .doesNotContain("\n");
    }

    @Test
    void readsTheMinimalBatchWithEmptyTracksAndUnknownDevice() throws Exception {
        TelemetryBatch batch = serde.deserialize(utf8(WireFixtures.minimalBatchJson()));

        assertThat(batch.sessionId()).isEqualTo("s-1");
        assertThat(batch.userId()).isNull();
        assertThat(batch.pageId()).as("no page id: the session's one page stream").isNull();
        assertThat(batch.receivedAt()).isZero();
        assertThat(batch.device()).isEqualTo(DeviceInfo.UNKNOWN);
        assertThat(batch.eventCount()).isZero();
        assertThat(batch.touch().radius()).isNull();
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() throws Exception {
        String json = "{\"v\":1,\"future\":{\"a\":[1,{\"b\":null}]},\"sessionId\":\"s-1\",\"seq\":0,\"startedAt\":"
                + BEGINNING + ",\"sentAt\":" + TWO_SECONDS_LATER
                + ",\"device\":{\"gpu\":\"x\",\"webdriver\":true},\"keys\":{\"t\":[1],\"down\":[1],\"cls\":[7],\"code\":[\"KeyA\"]}}";

        TelemetryBatch batch = serde.deserialize(utf8(json));

        assertThat(batch.device().webdriver()).isTrue();
        assertThat(batch.keys()).usingRecursiveComparison()
                .isEqualTo(new KeyTrack(new int[] {1}, new boolean[] {true}, new byte[] {7}));
    }

    @Test
    void acceptsNullForOptionalFields() throws Exception {
        String json = "{\"v\":1,\"sessionId\":\"s-1\",\"userId\":null,\"seq\":0,\"startedAt\":" + BEGINNING
                + ",\"sentAt\":" + TWO_SECONDS_LATER + ",\"mouse\":null,\"device\":{\"platform\":null}}";

        assertThat(serde.deserialize(utf8(json)).userId()).isNull();
    }

    @Test
    void readsAPageIdOfTheAllowedCharactersUpToItsLimit() throws Exception {
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String json = WireFixtures.minimalBatchJson().replace("\"seq\"", "\"pageId\":\"" + uuid + "\",\"seq\"");

        assertThat(uuid).hasSize(TelemetryBatchSerde.MAX_PAGE_ID_LENGTH);
        assertThat(serde.deserialize(utf8(json)).pageId()).isEqualTo(uuid);
        assertThat(serde.deserialize(utf8(json.replace(uuid, "Ab_9-z"))).pageId()).isEqualTo("Ab_9-z");
        assertThat(serde.deserialize(utf8(json.replace("\"" + uuid + "\"", "null"))).pageId()).isNull();
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        TelemetryBatchSerde copy = javaRoundTrip(serde);

        assertThat(copy.deserialize(serde.serialize(fullBatch()))).usingRecursiveComparison().isEqualTo(fullBatch());
    }

    @Test
    void theDefaultSerdesWithTheSystemClockAreSerializableToo() throws Exception {
        assertThat(javaRoundTrip(new TelemetryBatchSerde()).limits()).isEqualTo(ValidationLimits.DEFAULTS);
        assertThat(javaRoundTrip(new CommerceEventSerde())).isNotNull();
        assertThat(javaRoundTrip(new RiskScoreSerde())).isNotNull();
        assertThat(javaRoundTrip(new DeadLetterSerde())).isNotNull();
    }

    @SuppressWarnings("unchecked")
    private static <T> T javaRoundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /** One bad record per way a record can be wrong, with the reason it must be dead-lettered for. */
    static Stream<Arguments> badRecords() {
        String head = "\"v\":1,\"sessionId\":\"s-1\",\"seq\":0,\"startedAt\":" + BEGINNING + ",\"sentAt\":" + TWO_SECONDS_LATER;
        String far = Long.toString(NOW.millis() + ValidationLimits.DEFAULTS.maxClockSkewMillis() + 1);
        return Stream.of(
                bad("not JSON", "hello", DeadLetterReason.MALFORMED_JSON, ""),
                bad("empty", "", DeadLetterReason.MALFORMED_JSON, "empty payload"),
                bad("truncated", "{" + head + ",\"mouse\":{\"t\":[1,2", DeadLetterReason.MALFORMED_JSON, ""),
                bad("trailing garbage", "{" + head + "} x", DeadLetterReason.MALFORMED_JSON, "trailing"),
                bad("second document", "{" + head + "}{}", DeadLetterReason.MALFORMED_JSON, "trailing"),
                bad("duplicate field", "{" + head + ",\"sessionId\":\"s-2\"}", DeadLetterReason.MALFORMED_JSON, "sessionId"),
                bad("root is an array", "[1,2]", DeadLetterReason.WRONG_TYPE, "$ must be an object"),
                bad("string for a number", "{" + head.replace("\"seq\":0", "\"seq\":\"0\"") + "}",
                        DeadLetterReason.WRONG_TYPE, "seq must be an integer, got string \"0\""),
                bad("fraction for an integer", "{" + head + ",\"mouse\":{\"t\":[0],\"x\":[1.5],\"y\":[1],\"kind\":[0]}}",
                        DeadLetterReason.WRONG_TYPE, "mouse.x[0] = 1.5 must be an integer"),
                bad("number for a string", "{" + head + ",\"route\":42}", DeadLetterReason.WRONG_TYPE, "route must be a string"),
                bad("NaN", "{" + head + ",\"mouse\":{\"t\":[0],\"x\":[NaN],\"y\":[1],\"kind\":[0]}}",
                        DeadLetterReason.INVALID_VALUE, "mouse.x[0] = NaN is not a finite number"),
                bad("Infinity as a float", "{" + head + ",\"device\":{\"pixelRatio\":Infinity}}",
                        DeadLetterReason.INVALID_VALUE, "device.pixelRatio"),
                bad("no sessionId", "{\"v\":1,\"seq\":0,\"startedAt\":" + BEGINNING + ",\"sentAt\":" + BEGINNING + "}",
                        DeadLetterReason.MISSING_FIELD, "sessionId is required"),
                bad("null sessionId", "{" + head.replace("\"s-1\"", "null") + "}", DeadLetterReason.MISSING_FIELD, "sessionId"),
                bad("no version", "{" + head.replace("\"v\":1,", "") + "}", DeadLetterReason.MISSING_FIELD, "v is required"),
                bad("no startedAt", "{\"v\":1,\"sessionId\":\"s\",\"seq\":0,\"sentAt\":" + BEGINNING + "}",
                        DeadLetterReason.MISSING_FIELD, "startedAt is required"),
                bad("track without a column", "{" + head + ",\"scroll\":{\"t\":[0],\"dx\":[0]}}",
                        DeadLetterReason.MISSING_FIELD, "scroll.dy is required"),
                bad("empty sessionId", "{" + head.replace("\"s-1\"", "\"\"") + "}", DeadLetterReason.INVALID_VALUE, "sessionId"),
                bad("sessionId too long", "{" + head.replace("s-1", "s".repeat(2049)) + "}",
                        DeadLetterReason.OVERSIZED, "sessionId is 2049 characters, limit 2048"),
                bad("version 2", "{" + head.replace("\"v\":1", "\"v\":2") + "}", DeadLetterReason.UNSUPPORTED_VERSION, "v = 2"),
                bad("coordinate beyond limit", "{" + head + ",\"mouse\":{\"t\":[0],\"x\":[100001],\"y\":[1],\"kind\":[0]}}",
                        DeadLetterReason.INVALID_VALUE, "mouse.x[0] = 100001 is beyond the coordinate limit of +/-100000 px"),
                bad("screen with three sizes", "{" + head + ",\"device\":{\"screen\":[1,2,3]}}",
                        DeadLetterReason.INVALID_VALUE, "device.screen must be [width, height], got 3 entries"),
                bad("touch force above 1", "{" + head + ",\"touch\":{\"t\":[0],\"x\":[1],\"y\":[1],\"phase\":[0],\"force\":[1.5]}}",
                        DeadLetterReason.INVALID_VALUE, "touch.force[0] = 1.5 is outside [0, 1]"),
                bad("integer overflow", "{" + head + ",\"mouse\":{\"t\":[0],\"x\":[4294967296],\"y\":[1],\"kind\":[0]}}",
                        DeadLetterReason.INVALID_VALUE, "outside the 32-bit integer range"),
                bad("empty pageId", "{" + head + ",\"pageId\":\"\"}", DeadLetterReason.INVALID_VALUE, "pageId must not be empty"),
                bad("pageId with a space", "{" + head + ",\"pageId\":\"tab 2\"}",
                        DeadLetterReason.INVALID_VALUE, "pageId may only hold A-Z a-z 0-9 _ -, found ' ' at 3"),
                bad("pageId too long", "{" + head + ",\"pageId\":\"" + "p".repeat(37) + "\"}",
                        DeadLetterReason.OVERSIZED, "pageId is 37 characters, limit 36"),
                bad("pageId a number", "{" + head + ",\"pageId\":7}", DeadLetterReason.WRONG_TYPE, "pageId must be a string"),
                bad("negative seq", "{" + head.replace("\"seq\":0", "\"seq\":-1") + "}", DeadLetterReason.INVALID_VALUE, "seq = -1"),
                bad("startedAt zero", "{\"v\":1,\"sessionId\":\"s\",\"seq\":0,\"startedAt\":0,\"sentAt\":" + BEGINNING + "}",
                        DeadLetterReason.BAD_TIMESTAMP, "startedAt = 0 must be a positive epoch ms"),
                bad("startedAt far in the future", "{\"v\":1,\"sessionId\":\"s\",\"seq\":0,\"startedAt\":" + far + ",\"sentAt\":" + far + "}",
                        DeadLetterReason.BAD_TIMESTAMP, "startedAt = " + far + " is more than the allowed clock skew"),
                bad("sent before started", "{\"v\":1,\"sessionId\":\"s\",\"seq\":0,\"startedAt\":" + BEGINNING + ",\"sentAt\":" + (BEGINNING - 1) + "}",
                        DeadLetterReason.BAD_TIMESTAMP, "sentAt"),
                bad("negative track time", "{" + head + ",\"scroll\":{\"t\":[-5],\"dx\":[0],\"dy\":[1]}}",
                        DeadLetterReason.BAD_TIMESTAMP, "scroll.t[0] = -5 must be >= 0"),
                bad("decreasing track time", "{" + head + ",\"scroll\":{\"t\":[10,5],\"dx\":[0,0],\"dy\":[1,1]}}",
                        DeadLetterReason.BAD_TIMESTAMP, "scroll.t[1] = 5 is before scroll.t[0] = 10"),
                bad("track beyond span", "{" + head + ",\"scroll\":{\"t\":[60001],\"dx\":[0],\"dy\":[1]}}",
                        DeadLetterReason.BAD_TIMESTAMP, "scroll.t[0] = 60001 ms is beyond the batch span limit of 60000 ms"),
                bad("track too long", "{" + head + ",\"scroll\":{\"t\":[" + "0,".repeat(5000) + "0]}}",
                        DeadLetterReason.OVERSIZED, "scroll.t has more than 5000 entries"),
                bad("payload too big", "{" + head + ",\"pad\":\"" + "x".repeat(1 << 20) + "\"}",
                        DeadLetterReason.OVERSIZED, "limit 1048576"),
                bad("nested too deep", "{" + head + ",\"pad\":" + "[".repeat(100) + "]".repeat(100) + "}",
                        DeadLetterReason.OVERSIZED, "depth"),
                bad("unequal columns", "{" + head + ",\"mouse\":{\"t\":[0,1],\"x\":[1],\"y\":[1,2],\"kind\":[0,0]}}",
                        DeadLetterReason.INCONSISTENT_TRACK, "mouse.x has 1 entries but mouse.t has 2"),
                bad("unknown mouse kind", "{" + head + ",\"mouse\":{\"t\":[0],\"x\":[1],\"y\":[1],\"kind\":[9]}}",
                        DeadLetterReason.INCONSISTENT_TRACK, "mouse.kind[0] = 9 is not a v1 code (0..4)"),
                bad("down not 0 or 1", "{" + head + ",\"keys\":{\"t\":[0],\"down\":[2],\"cls\":[0]}}",
                        DeadLetterReason.INCONSISTENT_TRACK, "keys.down[0] = 2"),
                bad("radius column too short", "{" + head + ",\"touch\":{\"t\":[0,1],\"x\":[1,1],\"y\":[1,1],\"phase\":[0,2],\"radius\":[3]}}",
                        DeadLetterReason.INCONSISTENT_TRACK, "touch.radius has 1 entries"));
    }

    private static Arguments bad(String name, String json, DeadLetterReason reason, String messagePart) {
        return Arguments.of(name, json, reason, messagePart);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badRecords")
    void rejectsWithTheReasonForTheDeadLetterTopic(String name, String json, DeadLetterReason reason, String messagePart) {
        assertThatThrownBy(() -> serde.deserialize(utf8(json)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

    @Test
    void rejectsNullPayloadAsMalformed() {
        assertThatThrownBy(() -> serde.deserialize(null))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON));
    }
}
