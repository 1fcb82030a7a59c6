package io.telltale.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.ProfileDeviation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BehaviourProfileTest {

    static final EventCounts PLENTY_OF_MOUSE = new EventCounts(20, 900, 40, 12, 0, 0, 0);
    static final EventCounts THREE_MOVES = new EventCounts(1, 3, 0, 0, 0, 0, 0);
    static final ProfileDistanceScale SCALE = ProfileRisk.STANDARD_SCALE;

    /** A session of a hand whose speed, straightness, curvature and jerk sit around the given values. */
    static SessionFeatures session(SplittableRandom random, double speed, double straightness, EventCounts counts) {
        return SessionFeatures.builder(counts)
                .set(Feature.MOUSE_SPEED_MEAN, speed * (1 + 0.1 * random.nextGaussian()))
                .set(Feature.MOUSE_STRAIGHTNESS_MEAN, straightness + 0.02 * random.nextGaussian())
                .set(Feature.MOUSE_CURVATURE_MEAN, 0.01 * (1 + 0.1 * random.nextGaussian()))
                .set(Feature.MOUSE_JERK_CV, 1.5 * (1 + 0.1 * random.nextGaussian()))
                .set(Feature.MOUSE_PAUSE_SHARE, 0.2 + 0.02 * random.nextGaussian())
                .set(Feature.DEVICE_WEBDRIVER, 0.0)
                .build();
    }

    /** Someone else's hand: faster, less straight, more curved, jerkier, more pauses. */
    static SessionFeatures stranger(SplittableRandom random) {
        return SessionFeatures.builder(PLENTY_OF_MOUSE)
                .set(Feature.MOUSE_SPEED_MEAN, 2.0 * (1 + 0.1 * random.nextGaussian()))
                .set(Feature.MOUSE_STRAIGHTNESS_MEAN, 0.5 + 0.02 * random.nextGaussian())
                .set(Feature.MOUSE_CURVATURE_MEAN, 0.03 * (1 + 0.1 * random.nextGaussian()))
                .set(Feature.MOUSE_JERK_CV, 3.0 * (1 + 0.1 * random.nextGaussian()))
                .set(Feature.MOUSE_PAUSE_SHARE, 0.4 + 0.02 * random.nextGaussian())
                .set(Feature.DEVICE_WEBDRIVER, 0.0)
                .build();
    }

    static BehaviourProfile ownerProfile(SplittableRandom random, int sessions) {
        BehaviourProfile profile = new BehaviourProfile();
        for (int i = 0; i < sessions; i++) {
            profile.learn(session(random, 0.5, 0.85, PLENTY_OF_MOUSE), 1_000L * i);
        }
        return profile;
    }

    @Test
    void theOwnerIsCloseAndSomeoneElseIsFarWithTheFeaturesThatDiffer() {
        SplittableRandom random = new SplittableRandom(7);
        BehaviourProfile profile = ownerProfile(random, 40);

        ProfileDeviation owner = profile.deviation(session(random, 0.5, 0.85, PLENTY_OF_MOUSE), SCALE);
        ProfileDeviation stranger = profile.deviation(stranger(random), SCALE);
        ProfileDeviation differentSpeedOnly = profile.deviation(session(random, 2.0, 0.85, PLENTY_OF_MOUSE), SCALE);

        assertThat(owner.judged()).isTrue();
        assertThat(owner.deviation()).isLessThan(0.5);
        assertThat(stranger.judged()).isTrue();
        assertThat(stranger.deviation()).isGreaterThan(0.9);
        assertThat(stranger.compared()).isEqualTo(5); // the device tell is not behaviour
        assertThat(stranger.largest()).hasSize(BehaviourProfile.MAX_REPORTED);
        assertThat(stranger.largest().get(0).z()).isEqualTo(BehaviourProfile.MAX_Z, within(1e-9));
        assertThat(differentSpeedOnly.largest().get(0).feature()).isEqualTo("mouse_speed_mean");
        assertThat(differentSpeedOnly.deviation()).as("one habit changed").isLessThan(stranger.deviation());
    }

    @Test
    void aYoungProfileOrALittleSessionGivesUnknownNotTheOwner() {
        SplittableRandom random = new SplittableRandom(7);
        BehaviourProfile young = ownerProfile(random, BehaviourProfile.MIN_SESSIONS - 1);
        BehaviourProfile grown = ownerProfile(random, 40);

        ProfileDeviation fromYoung = young.deviation(session(random, 3.0, 0.2, PLENTY_OF_MOUSE), SCALE);
        ProfileDeviation ofThreeMoves = grown.deviation(session(random, 3.0, 0.2, THREE_MOVES), SCALE);
        ProfileDeviation ofTwoFeatures = grown.deviation(SessionFeatures.builder(PLENTY_OF_MOUSE)
                .set(Feature.MOUSE_SPEED_MEAN, 3.0).set(Feature.MOUSE_JERK_CV, 9.0).build(), SCALE);

        assertThat(fromYoung.status()).isEqualTo(ProfileDeviation.Status.YOUNG_PROFILE);
        assertThat(ofThreeMoves.status()).isEqualTo(ProfileDeviation.Status.LITTLE_BEHAVIOUR);
        assertThat(ofTwoFeatures.status()).isEqualTo(ProfileDeviation.Status.LITTLE_BEHAVIOUR);
        assertThat(ofTwoFeatures.compared()).isEqualTo(2);
        assertThat(fromYoung.deviation()).isZero();
        assertThat(ofThreeMoves.deviation()).isZero();
    }

    @Test
    void oldSessionsFadeSoTheProfileFollowsANewHabit() {
        SplittableRandom random = new SplittableRandom(7);
        BehaviourProfile profile = ownerProfile(random, 40);
        for (int i = 0; i < 4 * (int) BehaviourProfile.HALF_LIFE_SESSIONS; i++) {
            profile.learn(session(random, 1.0, 0.85, PLENTY_OF_MOUSE), 100_000L + i);
        }

        assertThat(profile.usual(Feature.MOUSE_SPEED_MEAN)).isCloseTo(1.0, within(0.05));
        assertThat(profile.deviation(session(random, 1.0, 0.85, PLENTY_OF_MOUSE), SCALE).deviation()).isLessThan(0.5);
    }

    @Test
    void theMeanAndSpreadOfIdenticalWeightsAreTheSampleOnes() {
        BehaviourProfile profile = new BehaviourProfile();
        double[] speeds = {0.4, 0.5, 0.6};
        for (double speed : speeds) {
            profile.learn(SessionFeatures.builder(PLENTY_OF_MOUSE).set(Feature.MOUSE_SPEED_MEAN, speed).build(), 0L);
        }
        // Weights 1, DECAY, DECAY^2 for the newest to the oldest: nearly equal.
        assertThat(profile.usual(Feature.MOUSE_SPEED_MEAN)).isCloseTo(0.5, within(0.002));
        assertThat(profile.spread(Feature.MOUSE_SPEED_MEAN)).isCloseTo(Math.sqrt(0.02 / 3), within(0.002));
        assertThat(profile.usual(Feature.KEY_DWELL_MEAN)).isNaN();
    }

    @Test
    void theBinaryFormRoundTripsStaysSmallAndSkipsFeaturesItNoLongerKnows() throws IOException {
        BehaviourProfile profile = ownerProfile(new SplittableRandom(3), 500);

        byte[] bytes = bytes(profile);
        BehaviourProfile read = BehaviourProfile.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));

        assertThat(read).isEqualTo(profile);
        assertThat(bytes.length).isLessThan(5 * 60); // five features learned, however many sessions

        ByteArrayOutputStream withRetired = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(withRetired);
        out.writeByte(BehaviourProfile.FORMAT_VERSION);
        out.writeLong(9);
        out.writeLong(1234);
        out.writeShort(2);
        out.writeUTF("mouse_feature_retired_long_ago");
        out.writeDouble(3);
        out.writeDouble(1);
        out.writeDouble(1);
        out.writeUTF("mouse_speed_mean");
        out.writeDouble(3);
        out.writeDouble(0.7);
        out.writeDouble(0.03);
        BehaviourProfile old = BehaviourProfile.readFrom(
                new DataInputStream(new ByteArrayInputStream(withRetired.toByteArray())));
        assertThat(old.sessions()).isEqualTo(9);
        assertThat(old.learnedAt()).isEqualTo(1234);
        assertThat(old.usual(Feature.MOUSE_SPEED_MEAN)).isEqualTo(0.7);
        assertThat(old.spread(Feature.MOUSE_SPEED_MEAN)).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        byte[] bytes = {99, 0};
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> BehaviourProfile.readFrom(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    static byte[] bytes(BehaviourProfile profile) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        profile.writeTo(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }
}
