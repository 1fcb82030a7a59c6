package io.telltale.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.connectors.kafka.Topics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs where Telltale is built, so the deployment files under {@code docker/}
 * are checked statically: they parse, every Flink setting is one Flink knows, and images, jar
 * paths, classes and topics agree with the build that produced this test.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("telltale.root", ".."));
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final String VERSION = System.getProperty("telltale.version");
    private static final String FLINK_VERSION = System.getProperty("telltale.flink.version");
    private static final String KAFKA_VERSION = System.getProperty("telltale.kafka.version");
    private static final String JOB_JAR_IN_IMAGE = "/opt/flink/usrlib/telltale-job.jar";
    private static final String PATTERNS_JAR_IN_IMAGE = "/opt/flink/usrlib/telltale-cep-patterns.jar";
    /** The pattern job's entry point; cep-patterns is not on this module's class path. */
    private static final String PATTERNS_ENTRY_CLASS = "io.telltale.cep.job.CrossSessionJob";

    /** Reporter settings are per reporter name; these are the ones a reporter accepts. */
    private static final Pattern REPORTER_KEY = Pattern.compile("metrics\\.reporter\\.[a-z]+\\.(factory\\.class|port|interval)");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void flinkConfigurationUsesOnlySettingsFlinkKnows() throws IOException {
        Map<String, String> settings = flatten(readYaml(DOCKER.resolve("flink/config.yaml")).get(0));
        assertKnownFlinkKeys(settings);
        assertThat(settings)
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsKey("execution.checkpointing.interval")
                .containsEntry("execution.buffer-timeout.interval", "10ms")
                .containsEntry("metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    }

    @Test
    void thePatternJobKeepsItsStateOnTheHeapAndTheRestAsTheScoringJob() throws IOException {
        Map<String, String> job = flatten(readYaml(DOCKER.resolve("flink/config.yaml")).get(0));
        Map<String, String> patterns = flatten(readYaml(DOCKER.resolve("flink/patterns-config.yaml")).get(0));
        assertKnownFlinkKeys(patterns);
        assertThat(patterns)
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("taskmanager.memory.managed.fraction", "0")
                .doesNotContainKey("execution.checkpointing.incremental");
        Map<String, String> rest = new TreeMap<>(patterns);
        rest.remove("state.backend.type");
        rest.remove("taskmanager.memory.managed.fraction");
        Map<String, String> jobRest = new TreeMap<>(job);
        jobRest.remove("state.backend.type");
        jobRest.remove("execution.checkpointing.incremental");
        assertThat(rest).isEqualTo(jobRest);
        assertThat(Files.readString(DOCKER.resolve("Dockerfile")))
                .contains("COPY docker/flink/patterns-config.yaml /opt/flink/conf/config.yaml");
    }

    @Test
    void imageBuildsFromTheFlinkVersionOfThePomAndPutsTheShadedJarInUsrlib() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        String flinkMinor = FLINK_VERSION.substring(0, FLINK_VERSION.lastIndexOf('.'));
        assertThat(dockerfile).contains("FROM flink:" + flinkMinor + "-java17 AS job");
        assertThat(dockerfile).contains("job/target/telltale-job-" + VERSION + "-flink-job.jar " + JOB_JAR_IN_IMAGE);
        assertThat(dockerfile).contains("COPY docker/flink/config.yaml /opt/flink/conf/config.yaml");
        for (String module : List.of("core", "simulator", "connectors", "job", "cli")) {
            assertThat(dockerfile).contains("/src/" + module + "/target/telltale-" + module + "-" + VERSION + ".jar");
            assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
        }
        Matcher targets = Pattern.compile("(?m)^FROM \\S+ AS (\\S+)$").matcher(dockerfile);
        Set<String> stages = new HashSet<>();
        while (targets.find()) {
            stages.add(targets.group(1));
        }
        assertThat(stages).contains("build", "job", "tools", "gateway", "patterns");
        assertThat(dockerfile).contains("cep-patterns/target/telltale-cep-patterns-" + VERSION + "-flink-job.jar "
                + PATTERNS_JAR_IN_IMAGE);
    }

    @Test
    void composeRunsKafkaOfThePomAndTheJobAgainstItsTopics() throws IOException {
        JsonNode compose = readYaml(DOCKER.resolve("docker-compose.yml")).get(0);
        JsonNode services = compose.get("services");
        assertThat(services.get("kafka").get("image").asText()).isEqualTo("apache/kafka:" + KAFKA_VERSION);
        assertThat(services.get("kafka").get("environment").get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asInt()).isEqualTo(1);

        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        for (String service : List.of("jobmanager", "taskmanager", "patterns-jobmanager", "patterns-taskmanager",
                "simulator", "gateway")) {
            JsonNode build = services.get(service).get("build");
            assertThat(build).as("build of %s", service).isNotNull();
            assertThat(DOCKER.resolve(build.get("context").asText()).resolve(build.get("dockerfile").asText())).exists();
            assertThat(dockerfile).contains(" AS " + build.get("target").asText());
        }
        String jobCommand = services.get("jobmanager").get("command").asText();
        Matcher jobClass = Pattern.compile("--job-classname (\\S+)").matcher(jobCommand);
        assertThat(jobClass.find()).isTrue();
        assertClassExists(jobClass.group(1));

        Matcher patternsClass = Pattern.compile("--job-classname (\\S+)")
                .matcher(services.get("patterns-jobmanager").get("command").asText());
        assertThat(patternsClass.find()).isTrue();
        assertThat(patternsClass.group(1)).isEqualTo(PATTERNS_ENTRY_CLASS);
        assertPatternsEntryClassExists();
        // Two application clusters: each its own JobManager and checkpoint volume (both jobs have the
        // fixed id of an application cluster's job).
        assertThat(services.at("/patterns-taskmanager/environment/FLINK_PROPERTIES").asText())
                .isEqualTo("jobmanager.rpc.address: patterns-jobmanager");
        assertThat(services.at("/patterns-jobmanager/volumes/0").asText()).startsWith("patterns-data:")
                .isNotEqualTo(services.at("/jobmanager/volumes/0").asText());

        String topicCommand = services.get("kafka-topics").get("command").get(0).asText();
        for (String topic : List.of(Topics.TELEMETRY, Topics.COMMERCE, Topics.RISK_SCORES, Topics.DEAD_LETTERS, Topics.ALERTS,
                Topics.PATTERN_ALERTS, Topics.PATTERN_CONTROL)) {
            assertThat(topicCommand).contains(topic);
        }
        for (Iterator<String> names = services.fieldNames(); names.hasNext(); ) {
            JsonNode dependsOn = services.get(names.next()).get("depends_on");
            if (dependsOn != null) {
                for (String dependency : dependencyNames(dependsOn)) {
                    assertThat(services.has(dependency)).as("depends_on %s", dependency).isTrue();
                }
            }
        }
    }

    @Test
    void theGatewaysSitesFileIsOneTheGatewayAccepts() {
        // The gateway's own parser, strict about every key; the secret comes from the environment.
        var config = io.telltale.connectors.gateway.GatewayConfigFile.parse(
                "docker/gateway/sites.yaml", readString(DOCKER.resolve("gateway/sites.yaml")),
                name -> "a-test-secret-of-at-least-thirty-two-bytes");
        assertThat(config).isNotNull();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void kubernetesDeploymentUpgradesThroughSavepointsWithHighAvailability() throws IOException {
        List<JsonNode> documents = readYaml(DOCKER.resolve("k8s/flinkdeployment.yaml"));
        Map<String, JsonNode> deployments = new TreeMap<>();
        documents.stream()
                .filter(doc -> "FlinkDeployment".equals(doc.path("kind").asText()))
                .forEach(doc -> deployments.put(doc.at("/metadata/name").asText(), doc.get("spec")));
        assertThat(deployments).containsOnlyKeys("telltale", "telltale-patterns");

        JsonNode telltale = deployments.get("telltale");
        assertThat(telltale.at("/job/jarURI").asText()).isEqualTo("local://" + JOB_JAR_IN_IMAGE);
        assertClassExists(telltale.at("/job/entryClass").asText());
        JsonNode patterns = deployments.get("telltale-patterns");
        assertThat(patterns.at("/flinkConfiguration/state.backend.type").asText()).isEqualTo("hashmap");
        assertThat(telltale.at("/flinkConfiguration/state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(patterns.at("/job/jarURI").asText()).isEqualTo("local://" + PATTERNS_JAR_IN_IMAGE);
        assertThat(patterns.at("/job/entryClass").asText()).isEqualTo(PATTERNS_ENTRY_CLASS);
        assertPatternsEntryClassExists();

        String flinkMinor = FLINK_VERSION.substring(0, FLINK_VERSION.lastIndexOf('.'));
        Set<String> stateDirectories = new HashSet<>();
        for (JsonNode spec : deployments.values()) {
            assertThat(spec.get("job").get("upgradeMode").asText()).isEqualTo("savepoint");
            assertThat(spec.get("flinkVersion").asText()).isEqualTo("v" + flinkMinor.replace('.', '_'));
            Map<String, String> settings = new TreeMap<>();
            spec.get("flinkConfiguration").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            assertKnownFlinkKeys(settings);
            assertThat(settings).containsEntry("high-availability.type", "kubernetes").containsKey("high-availability.storageDir");
            for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                    "high-availability.storageDir")) {
                assertThat(stateDirectories.add(settings.get(key))).as("%s shared by two deployments", key).isTrue();
            }
            String claim = spec.at("/podTemplate/spec/volumes/0/persistentVolumeClaim/claimName").asText();
            assertThat(documents).anySatisfy(doc -> {
                assertThat(doc.path("kind").asText()).isEqualTo("PersistentVolumeClaim");
                assertThat(doc.at("/metadata/name").asText()).isEqualTo(claim);
            });
        }
    }

    private static void assertPatternsEntryClassExists() {
        assertThat(ROOT.resolve("cep-patterns/src/main/java/" + PATTERNS_ENTRY_CLASS.replace('.', '/') + ".java"))
                .as("the pattern job's entry class named in docker/").exists();
    }

    private static void assertKnownFlinkKeys(Map<String, String> settings) {
        Set<String> known = knownFlinkKeys();
        for (String key : settings.keySet()) {
            if (key.startsWith("metrics.reporter.")) {
                assertThat(key).as("reporter setting").matches(REPORTER_KEY);
            } else {
                assertThat(known).as("Flink setting '%s'", key).contains(key);
            }
        }
    }

    /** Every key (and fallback key) Flink's option classes for the settings used here declare. */
    private static Set<String> knownFlinkKeys() {
        Set<String> keys = new HashSet<>();
        for (Class<?> options : List.of(CheckpointingOptions.class, StateBackendOptions.class, CoreOptions.class,
                ExecutionOptions.class,
                JobManagerOptions.class, TaskManagerOptions.class, RestOptions.class, HighAvailabilityOptions.class,
                MetricOptions.class, RestartStrategyOptions.class)) {
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                        keys.add(option.key());
                        for (FallbackKey fallback : option.fallbackKeys()) {
                            keys.add(fallback.getKey());
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return keys;
    }

    /**
     * The YAML documents of a file. SnakeYAML resolves anchors, aliases and merge keys
     * ({@code <<: *flink}) as Docker Compose does; Jackson's YAML tree reader does not.
     */
    private static List<JsonNode> readYaml(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (java.io.Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(reader)) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", node, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), flat));
        } else {
            flat.put(prefix, node.asText());
        }
    }

    private static List<String> dependencyNames(JsonNode dependsOn) {
        List<String> names = new ArrayList<>();
        if (dependsOn.isArray()) {
            dependsOn.forEach(n -> names.add(n.asText()));
        } else {
            dependsOn.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static void assertClassExists(String className) {
        try {
            Class.forName(className, false, DeploymentFilesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("class " + className + " named in docker/ does not exist", e);
        }
    }
}
