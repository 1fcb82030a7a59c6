package io.telltale.job.state;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Analytic;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Severity;
import io.telltale.core.alert.Subject;
import io.telltale.core.wire.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An {@link Alert} between operators, field by field (alerts are never in keyed state). */
public final class AlertSerializer extends CompactSerializer<Alert> {

    private static final long serialVersionUID = 1L;
    public static final AlertSerializer INSTANCE = new AlertSerializer();
    public static final CompactTypeInfo<Alert> TYPE_INFO = new CompactTypeInfo<>(Alert.class, INSTANCE);

    @Override
    public Alert createInstance() {
        return null;
    }

    @Override
    protected void write(Alert a, DataOutputView out) throws IOException {
        out.writeUTF(a.id());
        out.writeLong(a.time());
        out.writeUTF(a.title());
        out.writeByte(a.severity().ordinal());
        out.writeUTF(a.analytic().uid());
        out.writeUTF(a.analytic().name());
        out.writeByte(a.analytic().type().ordinal());
        out.writeByte(a.action().ordinal());
        out.writeBoolean(a.enforced());
        writeNullable(a.policy(), out);
        out.writeDouble(a.riskScore());
        Subject s = a.subject();
        out.writeUTF(s.sessionId());
        writeNullable(s.userId(), out);
        writeNullable(s.clientIp(), out);
        writeNullable(s.userAgent(), out);
        writeNullable(s.route(), out);
        writeNullable(s.deviceFingerprint(), out);
        out.writeInt(a.evidences().size());
        for (Evidence e : a.evidences()) {
            out.writeUTF(e.code());
            out.writeUTF(e.text());
            out.writeDouble(e.weight());
        }
        out.writeLong(a.windowStart());
        out.writeLong(a.windowEnd());
        writeNullable(a.productVersion(), out);
    }

    @Override
    protected Alert read(DataInputView in) throws IOException {
        String id = in.readUTF();
        long time = in.readLong();
        String title = in.readUTF();
        Severity severity = Severity.values()[in.readByte()];
        Analytic analytic = new Analytic(in.readUTF(), in.readUTF(), Analytic.Type.values()[in.readByte()]);
        Action action = Action.values()[in.readByte()];
        boolean enforced = in.readBoolean();
        String policy = readNullable(in);
        double risk = in.readDouble();
        Subject subject = new Subject(in.readUTF(), readNullable(in), readNullable(in), readNullable(in),
                readNullable(in), readNullable(in));
        int n = in.readInt();
        List<Evidence> evidences = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            evidences.add(new Evidence(in.readUTF(), in.readUTF(), in.readDouble()));
        }
        return new Alert(id, time, title, severity, analytic, action, enforced, policy, risk, subject, evidences,
                in.readLong(), in.readLong(), readNullable(in));
    }

    private static void writeNullable(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A record of immutable parts: passed on as it is. */
    @Override
    protected boolean immutableValues() {
        return true;
    }

    @Override
    public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Alert> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
