package io.telltale.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KinematicsTest {

    @Test
    void lengthIsHypotForEveryDisplacementOnAScreen() {
        for (int dx = -2048; dx <= 2048; dx++) {
            for (int dy = 0; dy <= 2048; dy++) {
                if (Kinematics.length(dx, dy) != Math.hypot(dx, dy)) {
                    assertEquals(Math.hypot(dx, dy), Kinematics.length(dx, dy), "(" + dx + ", " + dy + ")");
                }
            }
        }
    }

    @Test
    void lengthIsHypotForLargeDisplacements() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 1_000_000; i++) {
            long bound = 1L << (1 + random.nextInt(40));
            long dx = random.nextLong(-bound, bound);
            long dy = random.nextLong(-bound, bound);
            if (Kinematics.length(dx, dy) != Math.hypot(dx, dy)) {
                assertEquals(Math.hypot(dx, dy), Kinematics.length(dx, dy), "(" + dx + ", " + dy + ")");
            }
        }
    }
}
