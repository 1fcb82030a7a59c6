package io.telltale.connectors.siem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The alert formats a sink can be set to, by their configuration names. */
public enum AlertFormat {
    OCSF("ocsf"),
    ECS("ecs"),
    CEF("cef"),
    LEEF("leef"),
    SPLUNK_HEC("splunk-hec");

    private final String configName;

    AlertFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public AlertRenderer renderer() {
        return switch (this) {
            case OCSF -> new OcsfRenderer();
            case ECS -> new EcsRenderer();
            case CEF -> new CefRenderer();
            case LEEF -> new LeefRenderer(LeefRenderer.TAB);
            case SPLUNK_HEC -> new SplunkHecRenderer();
        };
    }

    /** @throws IllegalArgumentException naming the formats there are */
    public static AlertFormat ofConfigName(String name) {
        for (AlertFormat format : values()) {
            if (format.configName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown alert format '" + name + "'; one of "
                + Arrays.stream(values()).map(AlertFormat::configName).collect(Collectors.joining(", ")));
    }
}
