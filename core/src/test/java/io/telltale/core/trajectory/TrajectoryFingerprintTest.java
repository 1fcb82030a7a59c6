package io.telltale.core.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrajectoryFingerprintTest {

    private static int[] randomShapes(int n, long seed) {
        return new SplittableRandom(seed).ints(n, 0, Integer.MAX_VALUE).toArray();
    }

    @Test
    void keepsTheSmallestShapesWhateverTheOrder() {
        int[] shapes = randomShapes(500, 1);
        TrajectoryFingerprint forwards = new TrajectoryFingerprint();
        Arrays.stream(shapes).forEach(forwards::add);
        TrajectoryFingerprint backwards = new TrajectoryFingerprint();
        for (int i = shapes.length - 1; i >= 0; i--) {
            backwards.add(shapes[i]);
        }

        int[] smallest = Arrays.copyOf(Arrays.stream(shapes).sorted().distinct().toArray(), TrajectoryFingerprint.MAX_SHAPES);
        assertThat(forwards.shapes()).containsExactly(smallest);
        assertThat(backwards.shapes()).containsExactly(smallest);
    }

    @Test
    void mergingPartsEqualsFoldingTheWhole() {
        int[] shapes = randomShapes(300, 2);
        TrajectoryFingerprint whole = new TrajectoryFingerprint();
        Arrays.stream(shapes).forEach(whole::add);
        TrajectoryFingerprint a = new TrajectoryFingerprint();
        TrajectoryFingerprint b = new TrajectoryFingerprint();
        for (int i = 0; i < shapes.length; i++) {
            (i % 3 == 0 ? a : b).add(shapes[i]);
        }

        b.merge(a);

        assertThat(b.shapes()).containsExactly(whole.shapes());
        assertThat(b.shared(whole)).isEqualTo(TrajectoryFingerprint.MAX_SHAPES);
    }

    @Test
    void aDuplicateIsKeptOnce() {
        TrajectoryFingerprint f = new TrajectoryFingerprint();
        f.add(0x7a000001);
        f.add(7);
        f.add(7);

        assertThat(f.shapes()).containsExactly(7, 0x7a000001);
        assertThat(f.toHex()).containsExactly("00000007", "7a000001");
    }

    @Test
    void roundTripsItsBinaryForm() throws IOException {
        TrajectoryFingerprint f = new TrajectoryFingerprint();
        Arrays.stream(randomShapes(40, 3)).forEach(f::add);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        f.writeTo(new DataOutputStream(bytes));

        TrajectoryFingerprint read = TrajectoryFingerprint.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read.shapes()).containsExactly(f.shapes());
        assertThat(bytes.size()).isEqualTo(1 + 4 * TrajectoryFingerprint.MAX_SHAPES);
    }
}
