package io.telltale.cli;

import io.telltale.cep.job.CrossSessionOptions;
import io.telltale.connectors.siem.AlertSinkOptions;
import io.telltale.job.AlertOptions;
import io.telltale.job.TelltaleOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/** Turns {@code --set key=value} pairs into job configuration, refusing keys nobody declared. */
final class JobSettings {

    /** Every Telltale setting any command's jobs read: scoring, alert policies, alert sinks, patterns. */
    static final Set<String> DECLARED = declared(
            TelltaleOptions.ALL, AlertOptions.ALL, AlertSinkOptions.ALL, CrossSessionOptions.ALL);

    private JobSettings() {}

    static Configuration apply(Configuration base, Map<String, String> settings) {
        Configuration config = new Configuration(base);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            // Flink's own settings are validated by Flink.
            if (key.startsWith("telltale.") && !DECLARED.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown setting '" + key + "'; Telltale settings are: " + DECLARED);
            }
            config.setString(key, setting.getValue());
        }
        return config;
    }

    @SafeVarargs
    private static Set<String> declared(List<ConfigOption<?>>... lists) {
        Set<String> keys = new TreeSet<>();
        Stream.of(lists).flatMap(List::stream).map(ConfigOption::key).forEach(keys::add);
        return Set.copyOf(keys);
    }
}
