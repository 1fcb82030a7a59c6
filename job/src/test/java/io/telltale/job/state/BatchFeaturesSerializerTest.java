package io.telltale.job.state;

import static io.telltale.job.TelltaleTestBase.BEGINNING;
import static io.telltale.job.TelltaleTestBase.features;
import static io.telltale.job.TelltaleTestBase.linearBotBatch;
import static io.telltale.job.TelltaleTestBase.onPage;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Batches cross the shuffle to the deduplicator in this form, page id included. */
class BatchFeaturesSerializerTest {

    @Test
    void carriesThePageIdOrItsAbsence() throws Exception {
        BatchFeatures onATab = features(onPage("pA7f3k9Qx2Lm0wZc", linearBotBatch("s-1", 4, BEGINNING)));
        BatchFeatures withoutPage = features(linearBotBatch("s-1", 5, BEGINNING));

        assertThat(roundTrip(onATab).pageId()).isEqualTo("pA7f3k9Qx2Lm0wZc");
        assertThat(roundTrip(onATab).sequence()).isEqualTo(4);
        assertThat(roundTrip(withoutPage).pageId()).isNull();
        assertThat(roundTrip(withoutPage).sequence()).isEqualTo(5);
        assertThat(BatchFeaturesSerializer.INSTANCE.copy(onATab).pageId()).isEqualTo("pA7f3k9Qx2Lm0wZc");
    }

    @Test
    void readsTheFormWithoutPageIdsOfAnOlderJob() throws Exception {
        BatchFeatures batch = features(linearBotBatch("s-1", 7, BEGINNING));
        DataOutputSerializer former = new DataOutputSerializer(512);
        former.writeByte(1);
        former.writeUTF(batch.sessionId());
        former.writeLong(batch.sequence());
        former.writeLong(batch.startedAt());
        former.writeUTF(batch.origin());
        batch.features().writeTo(former);

        BatchFeatures read = BatchFeaturesSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(former.getSharedBuffer(), 0, former.length()));

        assertThat(read.sessionId()).isEqualTo("s-1");
        assertThat(read.pageId()).isNull();
        assertThat(read.sequence()).isEqualTo(7);
        assertThat(read.origin()).isEqualTo(batch.origin());
        assertThat(read.features().counts().batches()).isEqualTo(1);
    }

    private static BatchFeatures roundTrip(BatchFeatures batch) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(512);
        BatchFeaturesSerializer.INSTANCE.serialize(batch, out);
        return BatchFeaturesSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }
}
