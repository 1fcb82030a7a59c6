package io.telltale.simulator;

/** One scroll event: ms since the scrolling started and the page scroll delta in CSS px. */
public record ScrollStep(int tMs, int dx, int dy) {}
