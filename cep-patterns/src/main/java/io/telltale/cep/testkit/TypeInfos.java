package io.telltale.cep.testkit;

import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.RiskScore;
import org.apache.flink.api.common.typeinfo.TypeInformation;

final class TypeInfos {
    static final TypeInformation<CommerceEvent> COMMERCE_EVENT = TypeInformation.of(CommerceEvent.class);
    static final TypeInformation<RiskScore> RISK_SCORE = TypeInformation.of(RiskScore.class);

    private TypeInfos() {}
}
