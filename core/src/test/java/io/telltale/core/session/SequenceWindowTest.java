package io.telltale.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.session.SequenceWindow.Verdict;
import org.junit.jupiter.api.Test;

class SequenceWindowTest {

    @Test
    void inOrderSequenceIsAllNew() {
        SequenceWindow window = SequenceWindow.empty();
        for (long seq = 0; seq < 200; seq++) {
            assertThat(window.observe(seq)).isEqualTo(Verdict.NEW);
        }
    }

    @Test
    void retriedBatchIsADuplicate() {
        SequenceWindow window = SequenceWindow.empty();
        window.observe(0);
        window.observe(1);
        window.observe(2);
        assertThat(window.observe(1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(window.observe(2)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void outOfOrderArrivalIsNewOnceThenDuplicate() {
        SequenceWindow window = SequenceWindow.empty();
        window.observe(0);
        window.observe(5);
        assertThat(window.observe(3)).isEqualTo(Verdict.NEW);
        assertThat(window.observe(3)).isEqualTo(Verdict.DUPLICATE);
        assertThat(window.observe(4)).isEqualTo(Verdict.NEW);
    }

    @Test
    void aJumpBeyondTheSpanForgetsEverythingBehind() {
        SequenceWindow window = SequenceWindow.empty();
        window.observe(0);
        window.observe(1000);
        assertThat(window.observe(999)).isEqualTo(Verdict.NEW);
        assertThat(window.observe(1000 - SequenceWindow.SPAN)).isEqualTo(Verdict.TOO_OLD);
        assertThat(window.observe(1000 - SequenceWindow.SPAN + 1)).isEqualTo(Verdict.NEW);
    }

    @Test
    void restoresFromItsTwoNumbers() {
        SequenceWindow window = SequenceWindow.empty();
        window.observe(7);
        window.observe(9);
        SequenceWindow restored = SequenceWindow.of(window.highest(), window.seenMask());
        assertThat(restored.observe(7)).isEqualTo(Verdict.DUPLICATE);
        assertThat(restored.observe(8)).isEqualTo(Verdict.NEW);
        assertThat(restored.observe(9)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void negativeSequenceIsRefused() {
        assertThatThrownBy(() -> SequenceWindow.empty().observe(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
