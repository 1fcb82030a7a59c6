package io.telltale.core.wire;

import java.util.List;

/**
 * How far a session is from its account's behaviour profile (continuous authentication), carried
 * in {@link RiskScore#profile()} for authenticated sessions.
 *
 * @param status    {@link Status#JUDGED}, or why it could not be judged
 * @param deviation 0 (like this account's own sessions) to 1 (unlike them); 0 unless judged
 * @param distance  root mean square of the compared features' z-scores; NaN unless judged
 * @param sessions  sessions the profile has learned from
 * @param compared  features compared
 * @param largest   the features furthest from the usual, furthest first, at most a few
 */
public record ProfileDeviation(
        Status status, double deviation, double distance, long sessions, int compared, List<FeatureDeviation> largest) {

    /** Whether the session was judged against its profile, and if not, why. */
    public enum Status {
        /** Compared with a profile that has seen enough of the account. */
        JUDGED("judged"),
        /** The profile has learned from too few sessions to say what is usual. */
        YOUNG_PROFILE("young-profile"),
        /** The session showed too little behaviour, or too few features the profile knows. */
        LITTLE_BEHAVIOUR("little-behaviour");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Status fromWireName(String name) {
            for (Status status : values()) {
                if (status.wireName.equals(name)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown profile status: " + name);
        }
    }

    public ProfileDeviation {
        largest = largest == null ? List.of() : List.copyOf(largest);
    }

    /** Not judged: the verdict is "unknown", not "like the owner". */
    public static ProfileDeviation unknown(Status why, long sessions, int compared) {
        return new ProfileDeviation(why, 0.0, Double.NaN, sessions, compared, List.of());
    }

    public boolean judged() {
        return status == Status.JUDGED;
    }
}
