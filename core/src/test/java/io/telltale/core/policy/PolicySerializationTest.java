package io.telltale.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flink ships the policies to its tasks inside the enforcing function, by Java serialization. */
class PolicySerializationTest {

    @Test
    void aPolicySetWithRoutesAllowlistAndGoodBotsSurvivesJavaSerialization() throws Exception {
        Policy checkout = new Policy("checkout", List.of(RoutePattern.of("/checkout/**")), 0.4, 0.7, false);
        Policy fallback = new Policy("default", List.of(), 0.5, 0.8, false);
        PolicySet policies = new PolicySet(List.of(checkout), fallback,
                new Allowlist(List.of(NetworkRange.parse("10.0.0.0/8")),
                        List.of(new GoodBotFamily("googlebot", java.util.regex.Pattern.compile("Googlebot"), List.of("googlebot.com")))));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(policies);
        }
        PolicySet copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PolicySet) in.readObject();
        }
        assertThat(copy.policyFor("/checkout/pay").name()).isEqualTo("checkout");
        assertThat(copy.policyFor("/products/1").name()).isEqualTo("default");
    }
}
