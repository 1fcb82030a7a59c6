package io.telltale.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonRecordFormatTest {

    @Test
    void emitsOneRecordPerNonBlankLineWithItsLineNumber() throws IOException {
        List<RawRecord> records = readAll("{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}", 1024);

        assertThat(records).extracting(RawRecord::origin)
                .containsExactly("file:batches.ndjson:1", "file:batches.ndjson:4", "file:batches.ndjson:5");
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key()).isNull();
            assertThat(r.timestamp()).isEqualTo(RawRecord.NO_TIMESTAMP);
        });
    }

    @Test
    void readsLinesLongerThanItsBuffer() throws IOException {
        String longLine = "x".repeat(200_000);

        List<RawRecord> records = readAll(longLine + "\nshort\n", 1 << 20);

        assertThat(records).extracting(r -> r.value().length).containsExactly(200_000, 5);
    }

    @Test
    void cutsAnOverlongLineJustPastTheLimitSoTheSerdeRejectsIt() throws IOException {
        List<RawRecord> records = readAll("x".repeat(100) + "\n{}\n", 10);

        assertThat(records).extracting(r -> r.value().length).containsExactly(11, 2);
        assertThat(records.get(1).origin()).endsWith(":2");
    }

    @Test
    void emptyInputHasNoRecords() throws IOException {
        assertThat(readAll("", 10)).isEmpty();
    }

    private static List<RawRecord> readAll(String content, int maxLineBytes) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        try (NdjsonRecordFormat.LineReader reader = new NdjsonRecordFormat.LineReader(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "file:batches.ndjson:", maxLineBytes)) {
            for (RawRecord r = reader.read(); r != null; r = reader.read()) {
                records.add(r);
            }
        }
        return records;
    }
}
