package io.telltale.cli;

import io.telltale.cli.demo.TrafficProducer;
import io.telltale.connectors.kafka.Topics;
import io.telltale.simulator.TrafficSimulator;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Plays simulated human and bot sessions into a telemetry topic of an existing Kafka cluster, in
 * wall-clock time, as browsers behind the gateway would: the traffic source of the compose
 * deployment and of load tests.
 */
@Command(
        name = "traffic",
        mixinStandardHelpOptions = true,
        description = "Send simulated sessions to a Kafka telemetry topic until stopped.")
final class TrafficCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = Topics.TELEMETRY, description = "Telemetry topic.")
    String topic;

    @Option(names = "--bot-share", defaultValue = "0.35", description = "Share of sessions that are bots.")
    double botShare;

    @Option(names = "--sessions", defaultValue = "12", description = "Concurrent sessions.")
    int sessions;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed.")
    long seed;

    @Option(names = "--duration", description = "Stop after this long, e.g. 10min (default: until stopped).")
    String duration;

    @Override
    public Integer call() throws Exception {
        TrafficSimulator simulator = new TrafficSimulator(seed, botShare, sessions,
                TrafficSimulator.DEFAULT_MIN_LENGTH, TrafficSimulator.DEFAULT_MAX_LENGTH);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "telltale-traffic-shutdown"));
        try (TrafficProducer producer = new TrafficProducer(simulator, bootstrapServers, topic)) {
            Thread sending = new Thread(producer, "telltale-traffic");
            sending.setDaemon(true);
            sending.start();
            Duration runFor = duration == null ? null : TimeUtils.parseDuration(duration);
            long deadline = runFor == null ? Long.MAX_VALUE : System.currentTimeMillis() + runFor.toMillis();
            while (System.currentTimeMillis() < deadline && !stop.await(10, TimeUnit.SECONDS)) {
                System.out.printf("telltale traffic: %d batches, %d malformed sent to %s%n",
                        producer.batchesSent(), producer.malformedSent(), topic);
            }
            producer.stop();
            sending.join(5_000);
        }
        return 0;
    }
}
