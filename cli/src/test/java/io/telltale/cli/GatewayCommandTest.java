package io.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GatewayCommandTest {

    @Test
    void kafkaPropertiesAreCollectedForTheGatewaysClients() {
        GatewayCommand command = new GatewayCommand();
        new CommandLine(command).parseArgs("--sites", "sites.yaml",
                "--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property", "isolation.level=read_committed");

        assertThat(command.kafkaProperties)
                .containsExactly(
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("isolation.level", "read_committed"));
    }
}
