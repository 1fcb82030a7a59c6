package io.telltale.job.state;

import io.telltale.core.profile.BehaviourProfile;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A user's behaviour profile in keyed state: the profile's own binary form (versioned by its
 * first byte, features named by key), a few hundred bytes however many sessions it learned.
 */
public final class BehaviourProfileSerializer extends CompactSerializer<BehaviourProfile> {

    private static final long serialVersionUID = 1L;

    public static final BehaviourProfileSerializer INSTANCE = new BehaviourProfileSerializer();

    public static final CompactTypeInfo<BehaviourProfile> TYPE_INFO =
            new CompactTypeInfo<>(BehaviourProfile.class, INSTANCE);

    @Override
    public BehaviourProfile createInstance() {
        return new BehaviourProfile();
    }

    @Override
    protected void write(BehaviourProfile value, DataOutputView target) throws IOException {
        value.writeTo(target);
    }

    @Override
    protected BehaviourProfile read(DataInputView source) throws IOException {
        return BehaviourProfile.readFrom(source);
    }

    @Override
    public TypeSerializerSnapshot<BehaviourProfile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BehaviourProfile> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
