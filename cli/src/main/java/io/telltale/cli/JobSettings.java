package io.telltale.cli;

import io.telltale.job.TelltaleOptions;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/** Turns {@code --set key=value} pairs into job configuration, refusing keys nobody declared. */
final class JobSettings {

    private JobSettings() {}

    static Configuration apply(Configuration base, Map<String, String> settings) {
        Configuration config = new Configuration(base);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            boolean known = key.startsWith("telltale.")
                    ? TelltaleOptions.ALL.stream().map(ConfigOption::key).anyMatch(key::equals)
                    : true; // Flink's own settings are validated by Flink.
            if (!known) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; Telltale settings are: "
                        + TelltaleOptions.ALL.stream().map(ConfigOption::key).toList());
            }
            config.setString(key, setting.getValue());
        }
        return config;
    }
}
