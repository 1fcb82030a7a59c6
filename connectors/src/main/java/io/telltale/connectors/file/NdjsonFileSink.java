package io.telltale.connectors.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes one JSON document per line to a single local file, for bounded runs such as
 * {@code telltale score --input x.ndjson --output scores.ndjson}. Runs with parallelism 1 only
 * (it refuses more, rather than have subtasks overwrite each other's lines).
 *
 * <p>The file is truncated when the writer starts, so a restarted bounded job rewrites it from
 * scratch; this is not a transactional sink and makes no exactly-once promise across restores
 * from a checkpoint. For that, use Kafka or Flink's {@code FileSink}.
 */
public final class NdjsonFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** A {@link Path} is not serializable; the job graph carries the string. */
    private final String path;
    private final SerializableFunction<T, byte[]> serializer;

    /**
     * @param serializer one JSON document per element, without a trailing newline (every serde's
     *                   {@code serialize}, e.g. {@code new RiskScoreSerde()::serialize})
     */
    public NdjsonFileSink(Path path, SerializableFunction<T, byte[]> serializer) {
        this.path = Objects.requireNonNull(path, "path").toString();
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        if (parallelism != 1) {
            throw new IllegalStateException(
                    "NdjsonFileSink writes a single file and needs parallelism 1, got " + parallelism);
        }
        return new Writer<>(Paths.get(path), serializer);
    }

    /** Appends lines through a buffer; visible in the file after {@link #flush} or {@link #close}. */
    static final class Writer<T> implements SinkWriter<T> {
        private static final int BUFFER_SIZE = 64 * 1024;

        private final OutputStream out;
        private final SerializableFunction<T, byte[]> serializer;

        Writer(Path path, SerializableFunction<T, byte[]> serializer) throws IOException {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = new BufferedOutputStream(Files.newOutputStream(path), BUFFER_SIZE);
            this.serializer = serializer;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.write(serializer.apply(element));
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
