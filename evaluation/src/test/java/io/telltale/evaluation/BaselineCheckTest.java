package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BaselineCheckTest {

    private static JsonNode evaluation(double tpr, double fprChallenge) throws Exception {
        return new ObjectMapper().readTree(("""
                {"rows": [
                  {"mode": "capture-matched", "source": "balabit", "family": "linear", "window": "60s",
                   "auc": 0.99, "tprAt1pctFpr": 0.99, "tprAt01pctFpr": %s},
                  {"mode": "raw", "source": "balabit", "family": "linear", "window": "60s",
                   "auc": 0.5, "tprAt1pctFpr": 0.0, "tprAt01pctFpr": 0.0}],
                 "humans": [{"source": "balabit", "window": "60s", "fprChallenge": %s, "fprBlock": 0.0}]}
                """).formatted(tpr, fprChallenge));
    }

    @Test
    void sameOrBetterFiguresPass() throws Exception {
        assertThat(BaselineCheck.regressions(evaluation(0.90, 0.02), evaluation(0.90, 0.02))).isEmpty();
        assertThat(BaselineCheck.regressions(evaluation(0.90, 0.02), evaluation(0.95, 0.01))).isEmpty();
    }

    @Test
    void aFallingDetectionRateOrARisingHumanFalsePositiveRateFails() throws Exception {
        assertThat(BaselineCheck.regressions(evaluation(0.90, 0.02), evaluation(0.80, 0.02)))
                .containsExactly("capture-matched balabit linear 60s tprAt01pctFpr fell from 0.9000 to 0.8000");
        assertThat(BaselineCheck.regressions(evaluation(0.90, 0.02), evaluation(0.90, 0.05)))
                .containsExactly("humans balabit 60s fprChallenge rose from 0.0200 to 0.0500");
    }

    @Test
    void aScoreThatTellsCapturesApartFails() throws Exception {
        JsonNode separating = new ObjectMapper().readTree("""
                {"rows": [], "humans": [], "artefactCheck": [
                  {"comparison": "same people, two captures", "captureOnly": true, "feature": "score", "auc": 0.62},
                  {"comparison": "same people, two captures", "captureOnly": true, "feature": "mouse_speed_cv", "auc": 0.9},
                  {"comparison": "task and capture", "captureOnly": false, "feature": "score", "auc": 0.9}]}
                """);
        assertThat(BaselineCheck.regressions(separating, separating))
                .containsExactly("the score tells captures apart (AUC 0.620): same people, two captures");
    }

    @Test
    void aMissingRowFails() throws Exception {
        JsonNode empty = new ObjectMapper().readTree("{\"rows\": [], \"humans\": []}");
        assertThat(BaselineCheck.regressions(evaluation(0.9, 0.0), empty)).hasSize(2);
    }
}
