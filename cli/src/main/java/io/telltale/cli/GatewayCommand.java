package io.telltale.cli;

import io.telltale.connectors.gateway.ApiKeys;
import io.telltale.connectors.gateway.Gateway;
import io.telltale.connectors.gateway.GatewayConfig;
import io.telltale.connectors.gateway.GatewayConfigException;
import io.telltale.connectors.gateway.GatewayConfigFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the ingest gateway and decision API until interrupted (docs/embedding.md#the-gateway).
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = "Serve the browser SDK's telemetry, commerce events and the decision API over HTTP.")
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--sites", description = "The sites file (YAML): site keys, origins, API keys, proxies, secret.")
    Path sites;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting for the gateway's producer and decision view, e.g. "
                    + "security.protocol=SASL_SSL, or isolation.level=read_committed to make decisions wait "
                    + "for the job's checkpoints (repeatable).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--hash-api-key", paramLabel = "KEY",
            description = "Print the sha256 of an API key for the sites file, and exit.")
    String keyToHash;

    @Override
    public Integer call() throws InterruptedException {
        if (keyToHash != null) {
            System.out.println(ApiKeys.sha256Hex(keyToHash));
            return 0;
        }
        if (sites == null) {
            System.err.println("telltale gateway: --sites <file> is required (format: docs/embedding.md#the-sites-file)");
            return 2;
        }
        GatewayConfig config;
        try {
            config = GatewayConfigFile.read(sites);
        } catch (GatewayConfigException e) {
            System.err.println("telltale gateway: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Properties kafka = new Properties();
        kafka.putAll(kafkaProperties);
        try (Gateway gateway = Gateway.start(config, bootstrapServers, host, port, kafka, Clock.systemUTC())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "telltale-gateway-shutdown"));
            System.out.println("telltale gateway on http://" + host + ":" + gateway.port()
                    + " (Kafka " + bootstrapServers + "); Ctrl-C to stop");
            stopped.await();
        }
        return 0;
    }
}
