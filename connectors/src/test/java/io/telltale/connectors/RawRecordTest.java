package io.telltale.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawRecordTest {

    @Test
    void comparesBytesByContent() {
        RawRecord a = new RawRecord(new byte[] {'k'}, new byte[] {'{', '}'}, "file:x:1", -1);
        RawRecord b = new RawRecord(new byte[] {'k'}, new byte[] {'{', '}'}, "file:x:1", -1);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new RawRecord(null, new byte[] {'{', '}'}, "file:x:1", -1));
        assertThat(a.toString()).contains("file:x:1", "2 bytes");
    }
}
