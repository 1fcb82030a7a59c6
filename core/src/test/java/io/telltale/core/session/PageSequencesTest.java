package io.telltale.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.session.SequenceWindow.Verdict;
import org.junit.jupiter.api.Test;

class PageSequencesTest {

    private static final String FIRST_TAB = "pA7f3k9Qx2Lm0wZc";
    private static final String SECOND_TAB = "pB1n8Rt4Yv6Hs5Je";

    @Test
    void twoPagesOfOneSessionEachCountFromZero() {
        PageSequences session = PageSequences.empty();
        for (long seq = 0; seq < 100; seq++) {
            assertThat(session.observe(FIRST_TAB, seq)).isEqualTo(Verdict.NEW);
            assertThat(session.observe(SECOND_TAB, seq)).isEqualTo(Verdict.NEW);
            assertThat(session.observe(null, seq)).isEqualTo(Verdict.NEW);
        }
        assertThat(session.pages()).isEqualTo(3);
    }

    @Test
    void aRetryIsADuplicateOnlyInItsOwnPage() {
        PageSequences session = PageSequences.empty();
        session.observe(FIRST_TAB, 0);
        session.observe(FIRST_TAB, 1);
        session.observe(SECOND_TAB, 0);

        assertThat(session.observe(FIRST_TAB, 1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(session.observe(SECOND_TAB, 0)).isEqualTo(Verdict.DUPLICATE);
        assertThat(session.observe(SECOND_TAB, 1)).isEqualTo(Verdict.NEW);
        assertThat(session.observe(null, 0)).isEqualTo(Verdict.NEW);
        assertThat(session.observe(null, 0)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void theLeastRecentlySeenPageIsEvictedBeyondTheBound() {
        PageSequences session = PageSequences.empty();
        for (int page = 0; page < PageSequences.MAX_PAGES; page++) {
            session.observe("page" + page, 0);
        }
        // page0 is seen again, so page1 is now the least recently seen.
        assertThat(session.observe("page0", 0)).isEqualTo(Verdict.DUPLICATE);
        session.observe("one-more", 0);

        assertThat(session.pages()).isEqualTo(PageSequences.MAX_PAGES);
        assertThat(session.observe("page0", 0)).isEqualTo(Verdict.DUPLICATE);
        // The evicted page starts over: its retry is accepted once more (counted twice, not lost).
        assertThat(session.observe("page1", 0)).isEqualTo(Verdict.NEW);
        assertThat(session.pages()).isEqualTo(PageSequences.MAX_PAGES);
    }

    @Test
    void restoresFromItsEncoding() {
        PageSequences session = PageSequences.empty();
        session.observe(FIRST_TAB, 0);
        session.observe(FIRST_TAB, 1);
        session.observe(SECOND_TAB, 0);

        PageSequences restored = PageSequences.of(session.encoded());

        assertThat(restored.observe(FIRST_TAB, 1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(restored.observe(SECOND_TAB, 0)).isEqualTo(Verdict.DUPLICATE);
        assertThat(restored.observe(SECOND_TAB, 1)).isEqualTo(Verdict.NEW);
        assertThat(session.encoded()).hasSize(2 * 3);
    }

    @Test
    void aWindowFromBeforePageIdsIsTheStreamWithoutOne() {
        SequenceWindow former = SequenceWindow.empty();
        former.observe(0);
        former.observe(1);

        PageSequences session = PageSequences.ofPagelessWindow(former.highest(), former.seenMask());

        assertThat(session.observe(null, 1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(session.observe(null, 2)).isEqualTo(Verdict.NEW);
        assertThat(session.observe(FIRST_TAB, 1)).isEqualTo(Verdict.NEW);
    }

    @Test
    void noPageIdHashesToTheKeyOfBatchesWithoutOne() {
        assertThat(PageSequences.keyOf(null)).isEqualTo(PageSequences.NO_PAGE);
        assertThat(PageSequences.keyOf("")).isNotEqualTo(PageSequences.NO_PAGE);
        assertThat(PageSequences.keyOf(FIRST_TAB)).isNotEqualTo(PageSequences.keyOf(SECOND_TAB));
    }

    @Test
    void refusesAnEncodingOfAnotherShape() {
        assertThatThrownBy(() -> PageSequences.of(new long[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageSequences.of(new long[3 * (PageSequences.MAX_PAGES + 1)]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
