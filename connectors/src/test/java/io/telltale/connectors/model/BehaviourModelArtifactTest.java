package io.telltale.connectors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.scoring.CombinedModel;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.wire.EventCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BehaviourModelArtifactTest {

    private static BehaviourModel model() {
        double[] grid = new double[101];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 0.4 + i / 100.0;
        }
        return new BehaviourModel("behaviour-test", List.of(new BehaviourModel.Input(Feature.MOUSE_SPEED_CV, grid, -1.1, 0.0)),
                0.3, -0.2, new double[] {-5, 0, 3, 6, 9}, new double[] {0, 0.05, 0.5, 0.8, 1},
                HumanNormsModel.standard().norms().stream().filter(HumanNorm::device).toList());
    }

    @Test
    void aWrittenArtifactReadsBackToTheSameScores() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BehaviourModelArtifact.write(model(), Map.of("command", "test"), out);

        BehaviourModel read = (BehaviourModel) BehaviourModelArtifact.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(read.version()).isEqualTo("behaviour-test");
        EventCounts enough = new EventCounts(10, 600, 20, 5, 0, 0, 0);
        for (double cv : new double[] {0.01, 0.3, 0.9, 1.6, 4.0}) {
            SessionFeatures f = SessionFeatures.builder(enough).set(Feature.MOUSE_SPEED_CV, cv).build();
            assertThat(read.assess(f).score()).isEqualTo(model().assess(f).score());
        }
    }

    /** The baseline with a pointer part (low speed CV) and a keys part (low flight CV), as combined-v1 is built. */
    private static CombinedModel combined() {
        double[] grid = new double[101];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 0.3 + i / 100.0;
        }
        BehaviourModel pointer = new BehaviourModel("combined-test/supervised/pointer",
                List.of(new BehaviourModel.Input(Feature.MOUSE_GRID_RESIDUAL, grid, -1.0, 0.0)),
                0.0, 0.0, new double[] {2, 3, 4}, new double[] {0, 0.5, 0.8}, List.of());
        BehaviourModel keys = new BehaviourModel("combined-test/supervised/keys",
                List.of(new BehaviourModel.Input(Feature.KEY_FLIGHT_CV, grid, -2.0, 0.0)),
                0.0, -1.0, new double[] {1, 2, 5}, new double[] {0, 0.5, 0.8}, List.of());
        return new CombinedModel("combined-test", HumanNormsModel.standard(), List.of(pointer, keys));
    }

    @Test
    void aCombinedModelReadsBackWithItsBaselineAndEveryPart() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BehaviourModelArtifact.write(combined(), Map.of("command", "test"), out);

        CombinedModel read = (CombinedModel) BehaviourModelArtifact.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(read.version()).isEqualTo("combined-test");
        assertThat(read.baseline().version()).isEqualTo("human-norms-v1");
        assertThat(read.supervised()).extracting(BehaviourModel::version)
                .containsExactly("combined-test/supervised/pointer", "combined-test/supervised/keys");
        EventCounts enough = new EventCounts(10, 600, 20, 5, 40, 0, 0);
        for (double value : new double[] {0.0, 0.05, 0.31, 0.8, 2.0}) {
            SessionFeatures f = SessionFeatures.builder(enough).set(Feature.MOUSE_GRID_RESIDUAL, value)
                    .set(Feature.KEY_FLIGHT_CV, 1.3 - value).set(Feature.MOUSE_SPEED_CV, value).build();
            assertThat(read.assess(f)).isEqualTo(combined().assess(f));
        }
    }

    @Test
    void aCombinedModelNamingAnotherBaselineIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BehaviourModelArtifact.write(combined(), Map.of("command", "test"), out);
        String json = out.toString(StandardCharsets.UTF_8).replace("\"human-norms-v1\"", "\"human-norms-v0\"");

        assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class).hasMessageContaining("human-norms-v0");
    }

    @Test
    void rejectsOtherFormatsAndUnknownFeatures() {
        assertThatThrownBy(() -> read("{\"format\": \"something-else\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("""
                {"format": "telltale-behaviour-model", "formatVersion": 1, "version": "x", "noveltyZ": 2.5,
                 "inputs": [{"feature": "mouse_mood", "humanQuantiles": [0, 1, 2]}],
                 "calibration": {"raw": [0, 1], "score": [0, 1]}}""")).hasMessageContaining("mouse_mood");
        assertThatThrownBy(() -> read("""
                {"format": "telltale-behaviour-model", "formatVersion": 3}""")).hasMessageContaining("version 3");
    }

    @Test
    void loadsFromAPathAUriAndTheClasspath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("io/telltale/model.json");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            BehaviourModelArtifact.write(model(), Map.of("command", "test"), out);
        }

        assertThat(BehaviourModelArtifact.load(file.toString()).version()).isEqualTo("behaviour-test");
        assertThat(BehaviourModelArtifact.load(file.toUri().toString()).version()).isEqualTo("behaviour-test");

        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader jar = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            thread.setContextClassLoader(jar);
            assertThat(BehaviourModelArtifact.load("classpath:io/telltale/model.json").version())
                    .isEqualTo("behaviour-test");
            assertThatThrownBy(() -> BehaviourModelArtifact.load("classpath:io/telltale/other.json"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("classpath:io/telltale/other.json")
                    .hasMessageContaining("no such resource");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void aMissingOrForeignFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> BehaviourModelArtifact.load(missing.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
        Path notAModel = Files.writeString(dir.resolve("scores.json"), "{\"score\": 0.4}");
        assertThatThrownBy(() -> BehaviourModelArtifact.load(notAModel.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a telltale-behaviour-model artifact");
    }

    private static io.telltale.core.scoring.RiskModel read(String json) throws IOException {
        return BehaviourModelArtifact.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
