package io.telltale.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OctaveHistogramTest {

    @Test
    void binsAreQuarterOctavesByExactIntegerArithmetic() {
        assertThat(OctaveHistogram.binOf(0)).isEqualTo(0);
        assertThat(OctaveHistogram.binOf(1)).isEqualTo(0);
        assertThat(OctaveHistogram.binOf(2)).isEqualTo(4);
        assertThat(OctaveHistogram.binOf(128)).isEqualTo(28);
        // 2^(7.25) = 152.2: 152 is still in bin 28, 153 in bin 29
        assertThat(OctaveHistogram.binOf(152)).isEqualTo(28);
        assertThat(OctaveHistogram.binOf(153)).isEqualTo(29);
        assertThat(OctaveHistogram.binOf(255)).isEqualTo(31);
        assertThat(OctaveHistogram.binOf(OctaveHistogram.MAX_MS)).isEqualTo(OctaveHistogram.BINS - 1);
        assertThat(OctaveHistogram.binOf(1_000_000)).isEqualTo(OctaveHistogram.BINS - 1);
        for (long ms = 1; ms <= OctaveHistogram.MAX_MS; ms++) {
            assertThat(OctaveHistogram.binOf(ms)).as("ms %d", ms)
                    .isEqualTo((int) Math.floor(4 * Math.log(ms) / Math.log(2) + 1e-12));
        }
    }

    @Test
    void noIntervalFarAboveTheMedianGivesZeroAndALongTailItsShare() {
        OctaveHistogram steady = new OctaveHistogram();
        Random random = new Random(1);
        for (int i = 0; i < 400; i++) {
            steady.add(Math.round(150 + random.nextGaussian() * 30));
        }
        assertThat(steady.shareAtLeastTwiceMedian()).isEqualTo(0.0);

        // log-normal around 150 ms with log SD 0.6: P(x >= 2 * median) = P(z >= ln 2 / 0.6) = 12.4%
        OctaveHistogram person = new OctaveHistogram();
        for (int i = 0; i < 20_000; i++) {
            person.add(Math.round(150 * Math.exp(0.6 * random.nextGaussian())));
        }
        assertThat(person.shareAtLeastTwiceMedian()).isCloseTo(0.124, within(0.01));
    }

    @Test
    void mergingPartsInAnyOrderIsTheWholeAndTheSparseFormRoundTrips() throws IOException {
        Random random = new Random(2);
        long[] intervals = random.longs(500, 40, 1_500).toArray();
        OctaveHistogram whole = new OctaveHistogram();
        Arrays.stream(intervals).forEach(whole::add);
        OctaveHistogram first = new OctaveHistogram();
        OctaveHistogram second = new OctaveHistogram();
        Arrays.stream(intervals, 0, 123).forEach(first::add);
        Arrays.stream(intervals, 123, intervals.length).forEach(second::add);

        OctaveHistogram merged = new OctaveHistogram();
        merged.merge(second);
        merged.merge(new OctaveHistogram());
        merged.merge(first);

        assertThat(merged.count()).isEqualTo(500);
        assertThat(merged.shareAtLeastTwiceMedian()).isEqualTo(whole.shareAtLeastTwiceMedian());
        OctaveHistogram read = roundTrip(merged);
        assertThat(read.count()).isEqualTo(500);
        assertThat(read.shareAtLeastTwiceMedian()).isEqualTo(whole.shareAtLeastTwiceMedian());
        assertThat(bytesOf(new OctaveHistogram())).hasSize(1);
        assertThat(roundTrip(new OctaveHistogram()).shareAtLeastTwiceMedian()).isNaN();
    }

    @Test
    void aCorruptFormIsAClearError() {
        byte[] badBin = {1, (byte) OctaveHistogram.BINS, 3};
        assertThatThrownBy(() -> new OctaveHistogram().readFrom(new DataInputStream(new ByteArrayInputStream(badBin))))
                .isInstanceOf(IOException.class).hasMessageContaining("out of range");
    }

    private static OctaveHistogram roundTrip(OctaveHistogram histogram) throws IOException {
        OctaveHistogram read = new OctaveHistogram();
        read.readFrom(new DataInputStream(new ByteArrayInputStream(bytesOf(histogram))));
        return read;
    }

    private static byte[] bytesOf(OctaveHistogram histogram) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        histogram.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
