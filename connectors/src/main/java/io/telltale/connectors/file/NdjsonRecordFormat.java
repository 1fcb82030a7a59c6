package io.telltale.connectors.file;

import io.telltale.connectors.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads newline-delimited JSON: one {@link RawRecord} per non-blank line, bytes untouched, origin
 * {@code file:<name>:<line>} (1-based), no key, no timestamp. Parsing is left to the job, like
 * for Kafka, so a bad line becomes a dead letter.
 *
 * <p>A {@link StreamFormat} is handed only the open stream, not the file's path, so the name in
 * the origin is whatever the caller passes, typically the input file's name. Lines end with
 * {@code \n} or {@code \r\n}. A line longer than {@code maxLineBytes} is cut after
 * {@code maxLineBytes + 1} bytes, so the serde rejects it as OVERSIZED without the reader ever
 * holding more than that in memory.
 *
 * <p>Not splittable: on recovery Flink re-reads the file and skips the lines already emitted,
 * which keeps line numbers right.
 */
public final class NdjsonRecordFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;

    /** Name used in origins when none is given. */
    public static final String DEFAULT_NAME = "input";
    /** Far above the serdes' 1 MiB payload limit; a line this long is garbage whatever it holds. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;

    private final String name;
    private final int maxLineBytes;

    public NdjsonRecordFormat() {
        this(DEFAULT_NAME);
    }

    /** @param name the file name to put in origins, e.g. {@code batches.ndjson} */
    public NdjsonRecordFormat(String name) {
        this(name, DEFAULT_MAX_LINE_BYTES);
    }

    public NdjsonRecordFormat(String name, int maxLineBytes) {
        if (maxLineBytes <= 0 || maxLineBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxLineBytes must be in (0, Integer.MAX_VALUE)");
        }
        this.name = name == null ? DEFAULT_NAME : name;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream, "file:" + name + ":", maxLineBytes);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** Splits a byte stream into lines without decoding them. */
    static final class LineReader implements StreamFormat.Reader<RawRecord> {
        private static final int BUFFER_SIZE = 64 * 1024;

        private final InputStream in;
        private final String originPrefix;
        private final int maxLineBytes;
        private final byte[] buffer = new byte[BUFFER_SIZE];
        private int position;
        private int limit;
        private long lineNumber;
        private byte[] line = new byte[256];

        LineReader(InputStream in, String originPrefix, int maxLineBytes) {
            this.in = in;
            this.originPrefix = originPrefix;
            this.maxLineBytes = maxLineBytes;
        }

        @Override
        public RawRecord read() throws IOException {
            while (true) {
                int length = readLine();
                if (length < 0) {
                    return null;
                }
                lineNumber++;
                if (!isBlank(line, length)) {
                    return new RawRecord(null, Arrays.copyOf(line, length), originPrefix + lineNumber,
                            RawRecord.NO_TIMESTAMP);
                }
            }
        }

        /** Reads the next line into {@link #line}, returns its length without the terminator, -1 at end. */
        private int readLine() throws IOException {
            int length = 0;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? stripCarriageReturn(length) : -1;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                length = append(length, start, position - start);
                if (position < limit) {
                    position++; // the '\n'
                    return stripCarriageReturn(length);
                }
            }
        }

        private int append(int length, int from, int count) {
            int room = maxLineBytes + 1 - length;
            int n = Math.min(count, room);
            if (n <= 0) {
                return length;
            }
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.min(maxLineBytes + 1, Math.max(length + n, 2 * line.length)));
            }
            System.arraycopy(buffer, from, line, length, n);
            return length + n;
        }

        private int stripCarriageReturn(int length) {
            return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        }

        private static boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
