package io.telltale.connectors.siem;

import io.telltale.core.alert.Alert;
import java.io.Serializable;

/** Turns an alert into one line of some SIEM's format: never a raw CR or LF inside. */
public interface AlertRenderer extends Serializable {
    String render(Alert alert);
}
