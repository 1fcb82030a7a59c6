package io.telltale.evaluation;

import io.telltale.core.scoring.RiskAssessment;
import io.telltale.core.scoring.RiskModel;
import java.util.Map;

/**
 * What the evaluation scores units with: one fixed model, or models trained per fold (and per
 * held-out bot family), each unit scored by a model that never saw its user or its family.
 */
public interface UnitModel {

    /** The model version the report names. */
    String version();

    /**
     * @param family the bot family the unit is compared against, held out of training when the
     *               model is trained; null for a model trained on every family
     */
    RiskAssessment assess(Units.Unit unit, String family);

    /** A model with no training: every unit scored by it. */
    static UnitModel fixed(RiskModel model) {
        return new UnitModel() {
            @Override
            public String version() {
                return model.version();
            }

            @Override
            public RiskAssessment assess(Units.Unit unit, String family) {
                return model.assess(unit.features());
            }
        };
    }

    /** Users (people and scripts alike) in {@code folds} groups by a hash of their id. */
    static int foldOf(String userId, int folds) {
        return Math.floorMod(userId.hashCode() * 0x9E3779B9, folds);
    }

    /**
     * Models trained per fold: {@code models.get(fold).get(family)} never saw the fold's users
     * nor, unless {@code family} is the empty string, that family.
     */
    static UnitModel crossFitted(String version, int folds, Map<Integer, Map<String, RiskModel>> models) {
        return new UnitModel() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public RiskAssessment assess(Units.Unit unit, String family) {
                Map<String, RiskModel> byFamily = models.get(foldOf(unit.userId(), folds));
                RiskModel model = byFamily.get(family == null ? "" : family);
                return (model == null ? byFamily.get("") : model).assess(unit.features());
            }
        };
    }
}
