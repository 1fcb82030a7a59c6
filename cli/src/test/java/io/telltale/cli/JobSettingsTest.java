package io.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    @Test
    void acceptsEveryDeclaredTelltaleSettingWhicheverJobReadsIt() {
        Configuration config = JobSettings.apply(new Configuration(), Map.of(
                "telltale.session.gap", "10min",
                "telltale.policy.file", "/etc/telltale/policy.yaml",
                "telltale.alerts.syslog.host", "siem.example",
                "telltale.cep.session-gap", "10min"));

        assertThat(config.toMap())
                .containsEntry("telltale.session.gap", "10min")
                .containsEntry("telltale.policy.file", "/etc/telltale/policy.yaml")
                .containsEntry("telltale.alerts.syslog.host", "siem.example")
                .containsEntry("telltale.cep.session-gap", "10min");
    }

    @Test
    void refusesAMisspeltTelltaleSetting() {
        assertThatThrownBy(() -> JobSettings.apply(new Configuration(), Map.of("telltale.sesion.gap", "10min")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'telltale.sesion.gap'");
    }

    @Test
    void leavesFlinksOwnSettingsToFlink() {
        assertThat(JobSettings.apply(new Configuration(), Map.of("execution.checkpointing.interval", "3s")).toMap())
                .containsEntry("execution.checkpointing.interval", "3s");
    }
}
