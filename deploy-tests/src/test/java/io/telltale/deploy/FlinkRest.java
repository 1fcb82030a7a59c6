package io.telltale.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The JobManager's REST API, used as a platform team's deployment script uses it: upload the jar,
 * run it, watch the job, stop it with a savepoint, run it again from there.
 */
final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(String url) {
        this.url = url;
    }

    /** Waits until {@code GET /overview} answers, failing early if the JobManager died. */
    static void awaitReachable(String url, JvmProcess jobManager, Duration timeout) {
        FlinkRest rest = new FlinkRest(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("JobManager died while starting; see " + jobManager.log());
            }
            try {
                rest.get("/overview");
                return;
            } catch (IOException notYet) {
                sleep(POLL);
            }
        }
        throw new IllegalStateException("JobManager REST API not up within " + timeout + "; see " + jobManager.log());
    }

    /** Waits until at least {@code slots} task slots are registered. */
    void awaitSlots(int slots, Duration timeout) throws IOException {
        await("task slots registered: " + slots, timeout, () -> get("/overview"),
                overview -> overview.path("slots-total").asInt() >= slots);
    }

    /** {@code POST /jars/upload}, multipart with the jar as {@code jarfile}; returns the jar id. */
    String uploadJar(Path jar) throws IOException {
        String boundary = "telltale-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode response = send(HttpRequest.newBuilder(URI.create(url + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        if (!"success".equals(response.path("status").asText())) {
            throw new IOException("jar upload failed: " + response);
        }
        return Path.of(response.path("filename").asText()).getFileName().toString();
    }

    /**
     * {@code POST /jars/{jarId}/run}; returns the job id.
     *
     * @param savepointPath where to restore from, or null for a fresh start
     */
    String runJar(String jarId, String entryClass, List<String> programArgs, int parallelism, String savepointPath)
            throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", entryClass);
        request.putPOJO("programArgsList", programArgs);
        request.put("parallelism", parallelism);
        if (savepointPath != null) {
            request.put("savepointPath", savepointPath);
            request.put("allowNonRestoredState", false);
        }
        JsonNode response = post("/jars/" + jarId + "/run", request);
        String jobId = response.path("jobid").asText(null);
        if (jobId == null) {
            throw new IOException("jar run failed: " + response);
        }
        return jobId;
    }

    /** {@code GET /jobs/{jobId}}. */
    JsonNode job(String jobId) throws IOException {
        return get("/jobs/" + jobId);
    }

    /** Waits until the job and every one of its tasks run. */
    void awaitRunning(String jobId, Duration timeout) throws IOException {
        await("job " + jobId + " and all its tasks RUNNING", timeout, () -> job(jobId), job -> {
            if (!"RUNNING".equals(job.path("state").asText())) {
                return false;
            }
            for (JsonNode vertex : job.path("vertices")) {
                if (vertex.path("tasks").path("RUNNING").asInt() != vertex.path("parallelism").asInt()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** {@code GET /jobs/{jobId}/checkpoints}: counts, latest completed and latest restored checkpoint. */
    JsonNode checkpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** Waits until a checkpoint completes whose id is above {@code afterId}; returns its id. */
    long awaitCheckpointAfter(String jobId, long afterId, Duration timeout) throws IOException {
        JsonNode checkpoints = await("a checkpoint after #" + afterId + " of " + jobId, timeout,
                () -> checkpoints(jobId),
                c -> c.path("latest").path("completed").path("id").asLong(-1) > afterId);
        return checkpoints.path("latest").path("completed").path("id").asLong();
    }

    /** Id of the latest completed checkpoint, or -1 if none. */
    long latestCheckpoint(String jobId) throws IOException {
        return checkpoints(jobId).path("latest").path("completed").path("id").asLong(-1);
    }

    /**
     * {@code POST /jobs/{jobId}/stop}: a savepoint, then the job finishes; polls
     * {@code /jobs/{jobId}/savepoints/{triggerId}} and returns the savepoint's location.
     */
    String stopWithSavepoint(String jobId, Path targetDirectory, Duration timeout) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.put("targetDirectory", targetDirectory.toUri().toString());
        request.put("drain", false);
        String triggerId = post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
        JsonNode result = await("stop-with-savepoint of " + jobId, timeout,
                () -> get("/jobs/" + jobId + "/savepoints/" + triggerId),
                r -> "COMPLETED".equals(r.path("status").path("id").asText()));
        JsonNode operation = result.path("operation");
        if (operation.has("failure-cause")) {
            throw new IOException("stop-with-savepoint failed: " + operation.path("failure-cause"));
        }
        await("job " + jobId + " FINISHED", timeout, () -> job(jobId),
                job -> "FINISHED".equals(job.path("state").asText()));
        return operation.path("location").asText();
    }

    /** {@code PATCH /jobs/{jobId}?mode=cancel}. */
    void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(URI.create(url + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code GET /jobs/{jobId}/exceptions}, for failure messages. */
    String exceptions(String jobId) {
        try {
            return get("/jobs/" + jobId + "/exceptions").toPrettyString();
        } catch (IOException e) {
            return "(exceptions not available: " + e + ")";
        }
    }

    JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    private JsonNode post(String path, JsonNode body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ConnectException e) {
            throw new IOException("JobManager REST API not reachable at " + url, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.build().method() + " " + request.build().uri() + " -> "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private interface Call {
        JsonNode get() throws IOException;
    }

    private static JsonNode await(String what, Duration timeout, Call call, Predicate<JsonNode> done)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (done.test(last)) {
                return last;
            }
            sleep(POLL);
        }
        throw new IOException("timed out after " + timeout + " waiting for " + what + "; last answer: " + last);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
