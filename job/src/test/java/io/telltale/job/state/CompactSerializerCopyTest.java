package io.telltale.job.state;

import static io.telltale.job.TelltaleTestBase.BEGINNING;
import static io.telltale.job.TelltaleTestBase.features;
import static io.telltale.job.TelltaleTestBase.linearBotBatch;
import static io.telltale.job.TelltaleTestBase.webdriverBatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.RiskScore;
import org.junit.jupiter.api.Test;

/** Flink copies records between chained operators; copies must be independent, and cheap where they can be. */
class CompactSerializerCopyTest {

    @Test
    void aCopiedBatchHasItsOwnAccumulatorWithTheSameFeatures() {
        BatchFeatures original = features(linearBotBatch("s-1", 0, BEGINNING));
        BatchFeatures copy = BatchFeaturesSerializer.INSTANCE.copy(original);

        assertThat(copy).isNotSameAs(original);
        assertThat(copy.features()).isNotSameAs(original.features());
        assertThat(copy.features().features().toMap()).isEqualTo(original.features().features().toMap());

        copy.features().merge(features(linearBotBatch("s-1", 1, BEGINNING + 3_000)).features());
        assertThat(original.features().counts().batches()).isEqualTo(1);
        assertThat(copy.features().counts().batches()).isEqualTo(2);
    }

    @Test
    void aCopiedAccumulatorIsIndependentOfTheOriginal() {
        SessionFeatureAccumulator original = features(webdriverBatch("s-2", 0, BEGINNING)).features();
        SessionFeatureAccumulator copy = SessionAccumulatorSerializer.INSTANCE.copy(original);

        copy.merge(features(webdriverBatch("s-2", 1, BEGINNING + 3_000)).features());

        assertThat(original.counts().batches()).isEqualTo(1);
        assertThat(copy.counts().batches()).isEqualTo(2);
    }

    @Test
    void immutableRecordsArePassedOnAsTheyAre() {
        RiskScore score = new SessionScorer(HumanNormsModel.standard(), new ActionThresholds(0.5, 0.8))
                .score("s-3", features(linearBotBatch("s-3", 0, BEGINNING)).features(), BEGINNING,
                        BEGINNING + 1_800_000, true, BEGINNING);

        assertThat(WireRecordSerializers.RiskScoreSerializer.INSTANCE.copy(score)).isSameAs(score);
        assertThat(CheckedScoreSerializer.INSTANCE.isImmutableType()).isTrue();
        assertThat(AlertSerializer.INSTANCE.isImmutableType()).isTrue();
        assertThat(BatchFeaturesSerializer.INSTANCE.isImmutableType()).isFalse();
    }
}
