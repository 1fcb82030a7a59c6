/**
 * Simulated shop traffic in wire format v1: people and bot families, for the demo, integration
 * tests and model training.
 *
 * <p>{@link io.telltale.simulator.HumanMotionModel}, {@link io.telltale.simulator.HumanTypingModel}
 * and {@link io.telltale.simulator.HumanScrollModel} model a person's input, each citing the
 * literature behind its parameters; {@link io.telltale.simulator.BotMotion} is what automation
 * scripts produce. {@link io.telltale.simulator.SessionSimulator} plays one visit through the shop
 * and cuts it into the batches the SDK sends; {@link io.telltale.simulator.TrafficSimulator} keeps
 * a pool of concurrent visits going in wall-clock time.
 *
 * <p>Client addresses come only from the RFC 5737 documentation ranges.
 */
package io.telltale.simulator;
