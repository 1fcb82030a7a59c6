package io.telltale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @Test
    void readsWrkLatenciesInEveryUnit() {
        assertThat(BenchReport.wrkMillis("812.00us")).isEqualTo(0.812);
        assertThat(BenchReport.wrkMillis("3.20ms")).isEqualTo(3.2);
        assertThat(BenchReport.wrkMillis("1.02s")).isEqualTo(1020.0);
        assertThatThrownBy(() -> BenchReport.wrkMillis("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replacesOnlyTheGeneratedSectionOfTheDocument(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\nBy hand.\n\n" + BenchReport.BEGIN + "\nold\n" + BenchReport.END
                + "\n\n## Reading\n\nAlso by hand.\n");
        BenchReport report = new BenchReport(false, "bench/run");

        report.writeInto(doc, BenchReport.BEGIN + "\nnew\n" + BenchReport.END + "\n");

        assertThat(Files.readString(doc)).isEqualTo("# Benchmarks\n\nBy hand.\n\n" + BenchReport.BEGIN + "\nnew\n"
                + BenchReport.END + "\n\n## Reading\n\nAlso by hand.\n");
    }

    @Test
    void appendsASectionToADocumentThatHasNone(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\nBy hand.\n");

        new BenchReport(false, "bench/run").writeInto(doc, BenchReport.BEGIN + "\nnew\n" + BenchReport.END + "\n");

        assertThat(Files.readString(doc))
                .isEqualTo("# Benchmarks\n\nBy hand.\n\n" + BenchReport.BEGIN + "\nnew\n" + BenchReport.END + "\n");
    }
}
