package io.telltale.core.scoring;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * An interpretable first model: each feature has a human range ({@link HumanNorm}); a value outside
 * it contributes {@code weight * (1 - exp(-excess / scale))}, and the contributions add up to a
 * score {@code 1 - exp(-sum)}. The largest contributions are the reasons.
 *
 * <p>Behavioural features count only when the session showed enough behaviour to judge (see the
 * {@code MIN_*} constants); device tells (webdriver, headless hints, contradictions, synthetic
 * events) always count, and are weighted so that a clear one blocks on its own. With too little
 * behaviour the verdict says so ({@code sufficientEvidence == false}) rather than calling a
 * three-move session human.
 *
 * <p>Immutable and thread-safe; {@link #assess} allocates only the reasons it returns.
 */
public final class HumanNormsModel implements RiskModel {

    /** Strokes with measurable geometry needed to judge the mouse (straightness needs as many). */
    public static final int MIN_STROKES_TO_JUDGE = 3;
    /**
     * Mouse samples that also suffice to judge the mouse, strokes or not: about two seconds of
     * movement at 60 Hz (one long drag is one stroke but plenty of kinematics).
     */
    public static final int MIN_MOUSE_EVENTS_TO_JUDGE = 120;
    /**
     * Presses that also suffice to judge the mouse: the click-approach and teleport shares need as
     * many, and a page clicked five times without the pointer moving is behaviour, not a lack of it.
     */
    public static final int MIN_CLICKS_TO_JUDGE = 5;
    /** Key events needed to judge typing: ten keydowns and their keyups. */
    public static final int MIN_KEY_EVENTS_TO_JUDGE = 20;
    /** Scroll events needed to judge scrolling. */
    public static final int MIN_SCROLL_EVENTS_TO_JUDGE = 10;
    /** Touch samples needed to judge touch: a few taps or one swipe. */
    public static final int MIN_TOUCH_EVENTS_TO_JUDGE = 10;

    /** Reasons reported at most. */
    public static final int MAX_REASONS = 5;
    /** Contributions below this are too small to be worth an analyst's reading. */
    public static final double MIN_REASON_CONTRIBUTION = 0.05;

    private static final long serialVersionUID = 1L;

    private static final String STANDARD_RESOURCE = "human-norms-v1.properties";
    /** A norms table's key: a feature's key, optionally followed by a dot and a name. */
    private static final Pattern NAMED_NORM = Pattern.compile("[a-z0-9_]+(\\.[a-z][a-z0-9_]*)?");

    private final String version;
    private final HumanNorm[] norms;

    public HumanNormsModel(String version, List<HumanNorm> norms) {
        this.version = version;
        this.norms = norms.toArray(new HumanNorm[0]);
    }

    /** The default norms, {@code human-norms-v1}, from the classpath. */
    public static HumanNormsModel standard() {
        try (InputStream in = HumanNormsModel.class.getResourceAsStream(STANDARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + STANDARD_RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a norms table in the format of {@code human-norms-v1.properties}. A key is a feature's
     * key, for the norm on that feature, or a feature's key, a dot and a name
     * ({@code mouse_homing_share.smooth_path}), for a further norm on it that must be joint with a
     * second feature (one feature alone is judged once). Norms are kept in the features' order, a
     * feature's own norm before its named ones.
     */
    public static HumanNormsModel parse(Reader table) throws IOException {
        Properties properties = new Properties();
        properties.load(table);
        String version = properties.getProperty("version");
        if (version == null) {
            throw new IllegalArgumentException("norms table has no version");
        }
        List<String> keys = new ArrayList<>(properties.stringPropertyNames());
        keys.remove("version");
        for (String key : keys) {
            if (featureOf(featurePart(key)) == null || !NAMED_NORM.matcher(key).matches()) {
                throw new IllegalArgumentException("norms table names no known feature: " + key);
            }
        }
        keys.sort(null); // a feature's key sorts before the same key with a name after it
        List<HumanNorm> norms = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            for (String key : keys) {
                if (featurePart(key).equals(feature.key())) {
                    HumanNorm norm = parseNorm(feature, properties.getProperty(key));
                    if (!key.equals(feature.key()) && norm.jointly() == null) {
                        throw new IllegalArgumentException("named norm " + key + " needs a joint clause"
                                + " ('& <feature> <bot side> <low> <high> <scale>'): a feature alone is judged once");
                    }
                    norms.add(norm);
                }
            }
        }
        return new HumanNormsModel(version, norms);
    }

    private static String featurePart(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private static Feature featureOf(String key) {
        for (Feature feature : Feature.values()) {
            if (feature.key().equals(key)) {
                return feature;
            }
        }
        return null;
    }

    private static HumanNorm parseNorm(Feature feature, String line) {
        int bar = line.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("norm for " + feature.key() + " has no reason text: " + line);
        }
        String[] parts = line.substring(0, bar).split("&");
        String[] f = parts[0].trim().split("\\s+");
        if (f.length != 7 || parts.length > 2) {
            throw new IllegalArgumentException("norm for " + feature.key() + " needs 7 fields before '|'"
                    + " (and at most one '& <feature> <bot side> <low> <high> <scale>'): " + line);
        }
        HumanNorm.Jointly jointly = parts.length == 2 ? parseJointly(feature, parts[1]) : null;
        boolean device = switch (f[0]) {
            case "device" -> true;
            case "behaviour" -> false;
            default -> throw new IllegalArgumentException("unknown group '" + f[0] + "' for " + feature.key());
        };
        return new HumanNorm(feature, device, HumanNorm.BotSide.valueOf(f[1].toUpperCase(Locale.ROOT)),
                Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), f[6], line.substring(bar + 1).trim(), jointly);
    }

    private static HumanNorm.Jointly parseJointly(Feature feature, String clause) {
        String[] f = clause.trim().split("\\s+");
        Feature second = f.length == 5 ? featureOf(f[0]) : null;
        if (second == null) {
            throw new IllegalArgumentException("joint norm for " + feature.key()
                    + " needs '& <feature> <bot side> <low> <high> <scale>': " + clause);
        }
        return new HumanNorm.Jointly(second, HumanNorm.BotSide.valueOf(f[1].toUpperCase(Locale.ROOT)),
                Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]));
    }

    @Override
    public String version() {
        return version;
    }

    public List<HumanNorm> norms() {
        return List.of(norms);
    }

    @Override
    public RiskAssessment assess(SessionFeatures features) {
        boolean sufficient = hasSufficientEvidence(features.counts());
        double[] contributions = new double[norms.length];
        double total = 0.0;
        for (int i = 0; i < norms.length; i++) {
            HumanNorm norm = norms[i];
            if (norm.device() || sufficient) {
                contributions[i] = norm.contribution(features);
                total += contributions[i];
            }
        }
        double score = Math.min(1.0, Math.max(0.0, -Math.expm1(-total)));
        return new RiskAssessment(score, sufficient, reasons(features, contributions));
    }

    /** Enough mouse strokes, movement or clicks, or keys, or scrolling, or touch, to judge behaviour. */
    public static boolean hasSufficientEvidence(EventCounts counts) {
        return counts.strokes() >= MIN_STROKES_TO_JUDGE
                || counts.mouseEvents() >= MIN_MOUSE_EVENTS_TO_JUDGE
                || counts.clicks() >= MIN_CLICKS_TO_JUDGE
                || counts.keyEvents() >= MIN_KEY_EVENTS_TO_JUDGE
                || counts.scrollEvents() >= MIN_SCROLL_EVENTS_TO_JUDGE
                || counts.touchEvents() >= MIN_TOUCH_EVENTS_TO_JUDGE;
    }

    private List<Reason> reasons(SessionFeatures features, double[] contributions) {
        List<Reason> reasons = new ArrayList<>(MAX_REASONS);
        boolean[] taken = new boolean[contributions.length];
        for (int r = 0; r < MAX_REASONS; r++) {
            int best = -1;
            for (int i = 0; i < contributions.length; i++) {
                if (!taken[i] && contributions[i] >= MIN_REASON_CONTRIBUTION
                        && (best < 0 || contributions[i] > contributions[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            HumanNorm norm = norms[best];
            reasons.add(new Reason(norm.reasonCode(),
                    describe(norm.reasonText(), features.get(norm.feature()), norm.jointlyValue(features), features.counts()),
                    contributions[best]));
        }
        return reasons;
    }

    /**
     * The reason text with its placeholders filled. Each value is rendered only if the template
     * asks for it: a session is described on every interim score, and the number formatting was
     * the costliest part of scoring in bench/'s profile.
     */
    static String describe(String template, double value, double jointlyValue, EventCounts counts) {
        String text = template;
        text = fill(text, "{value}", () -> format(value));
        text = fill(text, "{jointly}", () -> format(jointlyValue));
        text = fill(text, "{pct}", () -> String.valueOf(Math.round(value * 100)));
        text = fill(text, "{strokes}", () -> String.valueOf(counts.strokes()));
        text = fill(text, "{moves}", () -> String.valueOf(counts.mouseEvents()));
        text = fill(text, "{clicks}", () -> String.valueOf(counts.clicks()));
        text = fill(text, "{keys}", () -> String.valueOf(counts.keyEvents()));
        text = fill(text, "{scrolls}", () -> String.valueOf(counts.scrollEvents()));
        return fill(text, "{touches}", () -> String.valueOf(counts.touchEvents()));
    }

    private static String fill(String text, String placeholder, Supplier<String> value) {
        return text.contains(placeholder) ? text.replace(placeholder, value.get()) : text;
    }

    /** Integers plainly, small values with three significant digits. */
    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.0f" : "%.3g", value);
    }
}
