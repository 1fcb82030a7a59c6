package io.telltale.evaluation.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.MouseKind;
import io.telltale.evaluation.DropCounts;
import io.telltale.evaluation.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each adapter on a few rows in the source's own format, written here. */
class DatasetAdaptersTest {

    private static final byte MOVE = (byte) MouseKind.MOVE.code();
    private static final byte DOWN = (byte) MouseKind.DOWN.code();
    private static final byte UP = (byte) MouseKind.UP.code();

    @TempDir
    Path root;

    @Test
    void balabitRowsBecomeIntegerMsMovesWithSameMsBurstsCoalesced() throws IOException {
        Path training = Files.createDirectories(root.resolve("balabit-mouse/training_files/user7"));
        Files.writeString(training.resolve("session_1"), """
                record timestamp,client timestamp,button,state,x,y
                0.0,0.0,NoButton,Move,100,200
                0.1,0.0939999999828,NoButton,Move,110,200
                0.1,0.0939999999828,NoButton,Move,120,201
                0.2,0.2030000000,NoButton,Move,120,201
                0.3,0.3120000000,Left,Pressed,120,201
                0.4,0.4210000000,Left,Released,120,201
                0.5,0.5300000000,Scroll,Down,120,201
                0.6,0.6400000000,Left,Drag,130,205
                """);
        DropCounts drops = new DropCounts();

        Recording r = BalabitMouse.read(root.resolve("balabit-mouse"), drops).get(0);

        assertThat(r.userId()).isEqualTo("balabit:user7");
        assertThat(r.mouseT()).containsExactly(0, 94, 312, 421, 640);
        assertThat(r.mouseX()).containsExactly(100, 120, 120, 120, 130);
        assertThat(r.mouseKind()).containsExactly(MOVE, MOVE, DOWN, UP, MOVE);
        assertThat(drops.get("balabit", "move in the same ms as the previous move (coalesced)")).isEqualTo(1);
        assertThat(drops.get("balabit", "move without movement")).isEqualTo(1);
        assertThat(drops.get("balabit", "wheel notch (not a pointer sample)")).isEqualTo(1);
    }

    @Test
    void balabitUnwrapsTheClientClockAndLabelsTestSessionsByWhoMoved() throws IOException {
        Path test = Files.createDirectories(root.resolve("balabit-mouse/test_files/user15"));
        // user15's session_8666287398: the client's 32-bit ms counter wraps at 4294967.296 s.
        Files.writeString(test.resolve("session_2"), """
                record timestamp,client timestamp,button,state,x,y
                0.0,4294967.0,NoButton,Move,1,1
                0.1,4294967.2,NoButton,Move,2,2
                0.2,0.05,NoButton,Move,3,3
                """);
        Files.writeString(test.resolve("session_3"), "record timestamp,client timestamp,button,state,x,y\n0.0,0.0,NoButton,Move,1,1\n");
        Files.writeString(test.resolve("session_4"), "record timestamp,client timestamp,button,state,x,y\n0.0,0.0,NoButton,Move,1,1\n");
        Files.writeString(root.resolve("balabit-mouse/public_labels.csv"), "filename,is_illegal\nsession_2,0\nsession_3,1\n");
        DropCounts drops = new DropCounts();

        List<Recording> sessions = BalabitMouse.read(root.resolve("balabit-mouse"), drops);

        assertThat(sessions).extracting(Recording::userId)
                .containsExactly("balabit:user15", "balabit:other-human:session_3");
        assertThat(sessions.get(0).mouseT()).containsExactly(0, 200, 346);
        assertThat(drops.get("balabit", "client clock wraps unwrapped")).isEqualTo(1);
        assertThat(drops.get("balabit", "test session without a public label (left out)")).isEqualTo(1);
    }

    @Test
    void delbotTracesScaleNormalisedCoordinatesAndNameTheirFamily() throws IOException {
        Path human = Files.createDirectories(root.resolve("delbot-mouse/circles_human_fast"));
        Files.writeString(human.resolve("circleHide_pad1.txt"), """
                resolution:1536,864
                26955.4,Pressed,0.5,0.25
                26970.1,Move,0.5,0.3
                26970.6,Move,0.5,0.35
                26986.9,Released,0.5,0.35
                """);
        Path bot = Files.createDirectories(root.resolve("delbot-mouse/circles_bot_pynput"));
        Files.writeString(bot.resolve("circleHide_1.txt"), "resolution:1920,1080\n10.2,Move,100,100\n26.9,Move,104,103\n");
        DropCounts drops = new DropCounts();

        List<Recording> traces = DelbotMouse.read(root.resolve("delbot-mouse"), drops);

        Recording pad = traces.get(0);
        assertThat(pad.bot()).isFalse();
        assertThat(pad.userId()).isEqualTo("delbot:fast");
        // 26970.1 and 26970.6 round to different ms (970, 971): both kept.
        assertThat(pad.mouseT()).containsExactly(0, 15, 16, 32);
        assertThat(pad.mouseX()).containsOnly(768);
        assertThat(pad.mouseY()).containsExactly(216, 259, 302, 302);
        Recording pynput = traces.get(1);
        assertThat(pynput.bot()).isTrue();
        assertThat(pynput.family()).isEqualTo("delbot_pynput");
        assertThat(pynput.mouseT()).containsExactly(0, 17);
    }

    @Test
    void aaltoKeepsKeyClassesOnlyAndDropsMalformedRowsAndNegativeHolds() throws IOException {
        writeAaltoParticipant("1005",
                "1005\t1\tHi 2\tHi 2\t1\t1471948585847\t1471948586453\tSHIFT\t16",
                "1005\t1\tHi 2\tHi 2\t2\t1471948586372\t1471948586443\tH\t72",
                "1005\t1\tHi 2\tHi 2\t3\t1471948586621\t1471948586592\ti\t73",
                "1005\t1\tHi 2\tHi 2\t4\t1471948586700\t1471948586760\t \t32",
                "1005\t1\tHi 2\tHi 2\t5\tnot-a-time\t1471948586900\t2\t50",
                "1005\t1\tHi 2",
                "1005\t1\tHi 2\tHi 2\t6\t1471948586800\t1471948586850\tBKSP\t8");
        DropCounts drops = new DropCounts();

        Recording typist = AaltoKeystrokes.read(root.resolve("aalto-keystrokes"), drops).get(0);

        assertThat(typist.userId()).isEqualTo("aalto:1005");
        assertThat(typist.startEpochMs()).isEqualTo(1471948585847L);
        assertThat(typist.keyT()).containsExactly(0, 525, 596, 606, 853, 913, 953, 1003);
        assertThat(typist.keyClass()).containsExactly(code(KeyClass.MODIFIER), code(KeyClass.LETTER), code(KeyClass.LETTER),
                code(KeyClass.MODIFIER), code(KeyClass.SPACE), code(KeyClass.SPACE), code(KeyClass.BACKSPACE), code(KeyClass.BACKSPACE));
        assertThat(typist.keyDown()).containsExactly(true, true, false, false, true, false, true, false);
        assertThat(drops.get("aalto", "malformed row")).isEqualTo(2);
        assertThat(drops.get("aalto", "key released before pressed")).isEqualTo(1);
    }

    @Test
    void aaltoRowsWithoutTheCharacterAreClassedByTheirKeyCode() throws IOException {
        // as in 50 of the 300 participants' files: characters empty, named keys (SHIFT) given
        String[] keyCodes = {"16", "73", "32", "68", "190", "49", "8", ""};
        String[] rows = new String[keyCodes.length];
        for (int i = 0; i < rows.length; i++) {
            String letter = i == 0 ? "SHIFT" : "";
            rows[i] = "1061\t1\tI do.\tI do.\t" + i + "\t" + (1000 + 200 * i) + "\t" + (1100 + 200 * i) + "\t" + letter + "\t" + keyCodes[i];
        }
        writeAaltoParticipant("1061", rows);

        Recording typist = AaltoKeystrokes.read(root.resolve("aalto-keystrokes"), new DropCounts()).get(0);

        List<Byte> downs = new ArrayList<>();
        for (int i = 0; i < typist.keyClass().length; i++) {
            if (typist.keyDown()[i]) {
                downs.add(typist.keyClass()[i]);
            }
        }
        assertThat(downs).containsExactly(code(KeyClass.MODIFIER), code(KeyClass.LETTER), code(KeyClass.SPACE),
                code(KeyClass.LETTER), code(KeyClass.PUNCTUATION), code(KeyClass.DIGIT), code(KeyClass.BACKSPACE),
                code(KeyClass.OTHER));
    }

    /** One participant's file of the Aalto dataset: its header, then {@code rows}. */
    private void writeAaltoParticipant(String participant, String... rows) throws IOException {
        Path samples = Files.createDirectories(root.resolve("aalto-keystrokes/keystroke-samples"));
        String header = "PARTICIPANT_ID\tTEST_SECTION_ID\tSENTENCE\tUSER_INPUT\tKEYSTROKE_ID\tPRESS_TIME\tRELEASE_TIME\tLETTER\tKEYCODE";
        Files.writeString(samples.resolve(participant + "_keystrokes.txt"), header + "\n" + String.join("\n", rows) + "\n");
    }

    private static byte code(KeyClass keyClass) {
        return (byte) keyClass.code();
    }
}
