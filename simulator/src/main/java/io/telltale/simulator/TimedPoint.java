package io.telltale.simulator;

/** A pointer sample of a generated stroke: ms since the stroke started, integer CSS px. */
public record TimedPoint(int tMs, int x, int y) {}
