package io.telltale.core.features;

/**
 * Every behavioural feature a session gets, by the name it carries on the wire
 * ({@link #key()}, in {@code RiskScore.features}). A value is {@code NaN} when the session has
 * not shown enough of that behaviour to measure it.
 */
public enum Feature {
    // Mouse kinematics, over samples inside strokes
    MOUSE_SPEED_MEAN("mouse_speed_mean", "px/ms", "mean pointer speed inside strokes"),
    MOUSE_SPEED_CV("mouse_speed_cv", "ratio", "coefficient of variation of pointer speed inside strokes"),
    MOUSE_ACCELERATION_CV("mouse_acceleration_cv", "ratio", "coefficient of variation of |acceleration|"),
    MOUSE_JERK_CV("mouse_jerk_cv", "ratio", "coefficient of variation of |jerk|"),
    // Mouse geometry, per stroke
    MOUSE_STRAIGHTNESS_MEAN("mouse_straightness_mean", "ratio", "mean stroke path efficiency: chord / path length (1 = ruler straight)"),
    MOUSE_STRAIGHTNESS_STD("mouse_straightness_std", "ratio", "standard deviation of stroke path efficiency"),
    MOUSE_CURVATURE_MEAN("mouse_curvature_mean", "rad/px", "mean absolute turning angle per pixel travelled"),
    MOUSE_DIRECTION_ENTROPY("mouse_direction_entropy", "bits", "entropy of the distribution of direction changes between segments"),
    MOUSE_PATH_RESIDUAL("mouse_path_residual", "ratio", "mean distance of a sample from the midpoint of its neighbours, per px of path: how unsmooth the path is"),
    MOUSE_RESIDUAL_AUTOCORRELATION("mouse_residual_autocorrelation", "ratio", "lag-1 autocorrelation of second differences of the path: near -0.5 for noise added to a smooth path"),
    // Mouse shape on the canonical 200 ms grid (PointerGrid): the same at any capture rate
    MOUSE_GRID_SPEED_CV("mouse_grid_speed_cv", "ratio", "coefficient of variation of pointer speed over 200 ms steps inside movements"),
    MOUSE_GRID_RESIDUAL("mouse_grid_residual", "ratio", "distance of the pointer from the midpoint of its positions 200 ms before and after, per px of path"),
    MOUSE_GRID_RESIDUAL_AUTOCORRELATION("mouse_grid_residual_autocorrelation", "ratio", "lag-1 autocorrelation of 200 ms second differences of the path"),
    MOUSE_SUBMOVEMENT_RATE("mouse_submovement_rate", "1/s", "speed peaks (sub-movements) per second of movement, on 200 ms steps"),
    MOUSE_HOMING_SHARE("mouse_homing_share", "ratio",
            "share of aimed movements that slow into their end: the last 200 ms step at most 70% of the one before"),
    MOUSE_PAUSE_SHARE("mouse_pause_share", "ratio", "share of inter-sample gaps that are pauses inside activity"),
    MOUSE_MICRO_MOVE_SHARE("mouse_micro_move_share", "ratio", "share of moves of at most a pixel or two: tremor and corrections"),
    // Mouse timing regularity
    MOUSE_INTERVAL_CV("mouse_interval_cv", "ratio", "coefficient of variation of intervals between mouse samples"),
    MOUSE_IDENTICAL_INTERVAL_SHARE("mouse_identical_interval_share", "ratio", "share of intervals identical to the previous one"),
    // Click approach
    CLICK_NO_APPROACH_SHARE("click_no_approach_share", "ratio", "share of clicks with no approaching movement before them"),
    MOUSE_TELEPORT_SHARE("mouse_teleport_share", "ratio", "share of clicks where the pointer jumped to the target without a path"),
    CLICK_WHILE_MOVING_SHARE("click_while_moving_share", "ratio",
            "share of presses made while the pointer still moved (over 10 px from where it was 200 ms before), as the lower end of its 95% confidence interval"),
    // Keystroke rhythm
    KEY_DWELL_MEAN("key_dwell_mean", "ms", "mean key hold time"),
    KEY_DWELL_CV("key_dwell_cv", "ratio", "coefficient of variation of key hold time"),
    KEY_FLIGHT_MEAN("key_flight_mean", "ms", "mean interval between successive key presses"),
    KEY_FLIGHT_CV("key_flight_cv", "ratio", "coefficient of variation of the interval between key presses"),
    KEY_FLIGHT_SKEW("key_flight_skew", "ratio", "skewness of the interval between key presses (people: a long right tail)"),
    KEY_FLIGHT_LOG_SD("key_flight_log_sd", "ln ms", "standard deviation of the log interval between key presses"),
    KEY_DWELL_SKEW("key_dwell_skew", "ratio", "skewness of key hold time"),
    KEY_WORD_START_SHIFT("key_word_start_shift", "SD",
            "how much longer the interval from a space to the next letter is than between letters (log ms, in SDs of the latter)"),
    KEY_FLIGHT_TAIL_SHARE("key_flight_tail_share", "ratio",
            "share of intervals between key presses at least twice the median one, as the upper end of its 95% confidence interval"),
    // Scroll rhythm
    SCROLL_INTERVAL_CV("scroll_interval_cv", "ratio", "coefficient of variation of intervals between scroll events"),
    SCROLL_DELTA_CV("scroll_delta_cv", "ratio", "coefficient of variation of scroll step size"),
    SCROLL_PAUSE_SHARE("scroll_pause_share", "ratio", "share of scroll intervals that are reading pauses"),
    // Touch
    TOUCH_DURATION_MEAN("touch_duration_mean", "ms", "mean touch contact duration"),
    TOUCH_MOVEMENT_MEAN("touch_movement_mean", "px", "mean path length of a touch contact"),
    TOUCH_RADIUS_CV("touch_radius_cv", "ratio", "coefficient of variation of contact radius (NaN if not reported)"),
    TOUCH_FORCE_CV("touch_force_cv", "ratio", "coefficient of variation of contact force (NaN if not reported)"),
    // Device tells
    DEVICE_WEBDRIVER("device_webdriver", "flag", "navigator.webdriver was true"),
    DEVICE_HEADLESS_HINTS("device_headless_hints", "count", "distinct headless-browser hints reported"),
    DEVICE_INCONSISTENCIES("device_inconsistencies", "count", "characteristics that contradict each other"),
    DEVICE_UNTRUSTED_EVENTS("device_untrusted_events", "count", "synthetic (isTrusted=false) input events");

    private final String key;
    private final String unit;
    private final String description;

    Feature(String key, String unit, String description) {
        this.key = key;
        this.unit = unit;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }
}
