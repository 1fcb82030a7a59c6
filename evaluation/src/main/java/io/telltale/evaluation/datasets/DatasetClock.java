package io.telltale.evaluation.datasets;

/** Where dataset sessions without an absolute clock are placed in time. */
final class DatasetClock {
    /** 2026-01-01T00:00:00Z: recordings with only relative times start here. */
    static final long BASE_EPOCH_MS = 1_767_225_600_000L;

    private DatasetClock() {}
}
