package io.telltale.core.wire;

/** How much evidence a score rests on: batches and raw events seen in the session window. */
public record EventCounts(
        long batches, long mouseEvents, long strokes, long clicks, long keyEvents, long scrollEvents, long touchEvents) {

    public static final EventCounts NONE = new EventCounts(0, 0, 0, 0, 0, 0, 0);

    public long rawEvents() {
        return mouseEvents + keyEvents + scrollEvents + touchEvents;
    }
}
