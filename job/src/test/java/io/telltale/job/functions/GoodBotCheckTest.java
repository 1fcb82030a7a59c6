package io.telltale.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.policy.GoodBotFamily;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import io.telltale.job.TelltaleTestBase;
import io.telltale.job.state.CheckedScore;
import io.telltale.job.state.WireRecordSerializers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The async good-bot check with the JVM's own resolver, which the surefire execution
 * {@code good-bot-dns} points at {@code src/test/resources/dns/good-bots.hosts}: real reverse
 * and forward lookups, no network.
 */
class GoodBotCheckTest extends TelltaleTestBase {

    private static final String GOOGLEBOT_UA =
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final GoodBotFamily GOOGLEBOT =
            new GoodBotFamily("googlebot", Pattern.compile("Googlebot"), List.of("googlebot.com", "google.com"));

    private static CheckedScore check(String userAgent, String ip) throws Exception {
        AsyncWaitOperatorFactory<RiskScore, CheckedScore> operator = new AsyncWaitOperatorFactory<>(
                new GoodBotCheck(List.of(GOOGLEBOT), Duration.ofMinutes(5)), 5_000, 10,
                AsyncDataStream.OutputMode.ORDERED);
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                operator, WireRecordSerializers.RISK_SCORE.createSerializer(new SerializerConfigImpl()))) {
            harness.open();
            harness.processElement(score(userAgent, ip), BEGINNING);
            harness.endInput();
            List<CheckedScore> out = harness.extractOutputValues();
            assertThat(out).hasSize(1);
            return out.get(0);
        }
    }

    private static RiskScore score(String userAgent, String ip) {
        return new RiskScore(1, "s-1", null, 0.95, Action.BLOCK, RiskScore.EVIDENCE_SUFFICIENT, List.of(), Map.of(),
                "m-1", BEGINNING, BEGINNING + ONE_MINUTE, EventCounts.NONE, false, BEGINNING,
                new SessionContext("/products", ip, userAgent, null));
    }

    @Test
    void theJvmResolverAnswersFromTheTestHostsFile() {
        assertThat(System.getProperty("jdk.net.hosts.file")).endsWith("good-bots.hosts");
    }

    @Test
    void aGooglebotWhoseAddressAndNameConfirmEachOtherIsVerified() throws Exception {
        CheckedScore checked = check(GOOGLEBOT_UA, "66.249.66.1");
        assertThat(checked.verifiedGoodBot()).isEqualTo("googlebot");
        assertThat(checked.score().sessionId()).isEqualTo("s-1");
    }

    @Test
    void aGooglebotUserAgentFromAnAddressWhoseNameIsElsewhereIsNotVerified() throws Exception {
        assertThat(check(GOOGLEBOT_UA, "198.51.100.7").verifiedGoodBot()).isNull();
    }

    @Test
    void aGooglebotUserAgentFromAnAddressWithoutReverseNameIsNotVerified() throws Exception {
        assertThat(check(GOOGLEBOT_UA, "192.0.2.1").verifiedGoodBot()).isNull();
    }

    @Test
    void aBrowserFromACrawlerAddressIsNotACrawler() throws Exception {
        assertThat(check(CHROME_UA, "66.249.66.1").verifiedGoodBot()).isNull();
    }
}
