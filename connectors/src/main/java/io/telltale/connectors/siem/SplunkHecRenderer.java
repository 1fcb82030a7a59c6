package io.telltale.connectors.siem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.core.alert.Alert;
import java.math.BigDecimal;

/**
 * The Splunk HTTP Event Collector envelope
 * (https://docs.splunk.com/Documentation/Splunk/latest/Data/FormateventsforHTTPEventCollector):
 * {@code time} in epoch seconds with millisecond decimals, {@code sourcetype telltale:alert}, and
 * the OCSF finding as {@code event}, so Splunk's OCSF add-ons read it unchanged.
 */
public final class SplunkHecRenderer implements AlertRenderer {

    private static final long serialVersionUID = 1L;
    public static final String SOURCETYPE = "telltale:alert";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OcsfRenderer ocsf = new OcsfRenderer();

    @Override
    public String render(Alert a) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("time", BigDecimal.valueOf(a.time(), 3));
        envelope.put("source", "telltale");
        envelope.put("sourcetype", SOURCETYPE);
        envelope.set("event", ocsf.toJson(a));
        return envelope.toString();
    }
}
