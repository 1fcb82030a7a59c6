package io.telltale.cep.patterns;

import io.telltale.cep.pattern.CrossSessionPattern;
import java.util.List;

/** The patterns Telltale ships; a new one is added here (docs/writing-patterns.md). */
public final class BuiltInPatterns {

    private BuiltInPatterns() {}

    public static List<CrossSessionPattern> all() {
        return List.of(new InventoryHoarding(), new CredentialStuffing(), new SlowAndLowRevisits(),
                new CashingOutOnOneDevice(), new AccountTakeover(), new ReplayedTrajectories());
    }
}
