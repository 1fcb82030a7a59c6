package io.telltale.core.alert;

import java.io.Serializable;
import java.util.Objects;

/**
 * What produced a finding: the session scorer, or one CEP pattern.
 *
 * @param uid  stable id, e.g. {@code telltale.session-score} or {@code cep.card-testing}
 * @param name what an analyst reads, e.g. {@code Behavioural session risk}
 * @param type OCSF analytic type
 */
public record Analytic(String uid, String name, Type type) implements Serializable {

    /** OCSF {@code analytic.type_id} values Telltale uses (1.3.0 dictionary). */
    public enum Type {
        RULE(1, "Rule"),
        BEHAVIORAL(2, "Behavioral"),
        STATISTICAL(3, "Statistical");

        private final int ocsfId;
        private final String caption;

        Type(int ocsfId, String caption) {
            this.ocsfId = ocsfId;
            this.caption = caption;
        }

        public int ocsfId() {
            return ocsfId;
        }

        public String caption() {
            return caption;
        }
    }

    public Analytic {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The behavioural scorer of {@code io.telltale.core.scoring}. */
    public static final Analytic SESSION_SCORE =
            new Analytic("telltale.session-score", "Behavioural session risk", Type.BEHAVIORAL);
}
