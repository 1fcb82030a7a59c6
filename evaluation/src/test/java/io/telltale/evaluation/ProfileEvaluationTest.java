package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProfileEvaluationTest {

    // Owners 0.1..0.4, others 0.35..0.7: only the owner at 0.4 outscores another (0.35).
    private static final double[] OWNER = {0.1, 0.2, 0.3, 0.4};
    private static final double[] OTHERS = {0.35, 0.5, 0.6, 0.7};

    @Test
    void theEqualErrorRateIsWhereFalseAlarmsMeetMisses() {
        // At a threshold of 0.4 one owner of four is flagged and one other of four (0.35) let through.
        assertThat(ProfileEvaluation.equalErrorRate(OWNER, OTHERS)).isCloseTo(0.25, within(1e-12));
        assertThat(ProfileEvaluation.equalErrorRate(new double[] {0.1, 0.2}, new double[] {0.3, 0.4})).isZero();
        assertThat(ProfileEvaluation.equalErrorRate(new double[0], OTHERS)).isNaN();
    }

    @Test
    void theAucIsTheShareOfOwnerOtherPairsTheOtherOutscores() {
        // 16 pairs, one (0.4 over 0.35) the wrong way round.
        assertThat(Separation.auc(OWNER, OTHERS)).isCloseTo(15.0 / 16, within(1e-12));
    }
}
