package io.telltale.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.connectors.model.BehaviourModelArtifact;
import io.telltale.core.features.Feature;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which model the job scores with: {@code telltale.model.path}, or the built-in human norms. */
class ConfiguredModelTest {

    @Test
    void withoutAPathTheJobScoresWithTheBuiltInHumanNorms() {
        assertThat(TelltaleJob.configuredModel(new Configuration()).version())
                .isEqualTo(HumanNormsModel.standard().version());
    }

    @Test
    void aPathLoadsThatArtifact(@TempDir Path dir) throws IOException {
        Path artifact = dir.resolve("trained.json");
        try (OutputStream out = Files.newOutputStream(artifact)) {
            BehaviourModelArtifact.write(trained(), Map.of("command", "test"), out);
        }
        Configuration config = new Configuration();
        config.set(TelltaleOptions.MODEL_PATH, artifact.toString());

        assertThat(TelltaleJob.configuredModel(config).version()).isEqualTo("behaviour-trained-here");
    }

    @Test
    void aModelThatCannotBeReadStopsTheJobBeforeItStarts(@TempDir Path dir) {
        Configuration config = new Configuration();
        config.set(TelltaleOptions.MODEL_PATH, dir.resolve("gone.json").toString());

        assertThatThrownBy(() -> TelltaleJob.configuredModel(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("telltale.model.path")
                .hasMessageContaining("gone.json");
    }

    private static BehaviourModel trained() {
        double[] grid = new double[101];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i / 100.0;
        }
        return new BehaviourModel("behaviour-trained-here",
                List.of(new BehaviourModel.Input(Feature.KEY_FLIGHT_CV, grid, -1.0, 0.0)),
                0.3, -0.2, new double[] {-5, 0, 5}, new double[] {0, 0.5, 1},
                HumanNormsModel.standard().norms().stream().filter(HumanNorm::device).toList());
    }
}
