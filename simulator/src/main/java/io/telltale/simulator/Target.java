package io.telltale.simulator;

/** Something on a page a visitor aims at: a link, a button, a field. Viewport CSS px. */
record Target(String name, int x, int y, int width, int height) {

    int centerX() {
        return x + width / 2;
    }

    int centerY() {
        return y + height / 2;
    }

    /**
     * Fitts' W for a two-dimensional target: the smaller side (MacKenzie &amp; Buxton 1992, "Extending
     * Fitts' law to two-dimensional tasks", the SMALLER-OF model).
     */
    int fittsWidth() {
        return Math.min(width, height);
    }
}
