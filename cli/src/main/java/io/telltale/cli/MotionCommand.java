package io.telltale.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.telltale.simulator.HumanInputScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a person's input for a browser to replay: the simulator's human motion and typing
 * models turned into timed mouse and keyboard events. The shop's end-to-end test in Chromium
 * replays them with Playwright ({@code sdk/test/shop/}).
 */
@Command(
        name = "motion",
        mixinStandardHelpOptions = true,
        description = "Write human-like mouse and keyboard events (JSON) for a plan of moves, clicks and typing.",
        footer = {"",
            "Plan: {\"start\": {\"x\": 10, \"y\": 10}, \"steps\": [{\"moveTo\": {\"left\": 0, \"top\": 0, \"width\": 100,",
            "\"height\": 30}}, {\"click\": true}, {\"type\": \"text\"}, {\"pause\": 800}]}",
            "Output: {\"events\": [{\"tMs\": 0, \"type\": \"move|down|up|keydown|keyup\", \"x\", \"y\", \"key\"}]}"})
final class MotionCommand implements Callable<Integer> {

    @Option(names = "--plan", required = true, description = "The plan (JSON).")
    Path plan;

    @Option(names = "--output", required = true, description = "Where to write the events (JSON).")
    Path output;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the person and their movements (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(plan.toFile());
        HumanInputScript script = new HumanInputScript(seed, root.path("start").path("x").asInt(0),
                root.path("start").path("y").asInt(0));
        for (JsonNode step : root.path("steps")) {
            if (step.has("moveTo")) {
                JsonNode t = step.get("moveTo");
                script.moveTo(t.path("left").asInt(), t.path("top").asInt(), t.path("width").asInt(1), t.path("height").asInt(1));
            } else if (step.path("click").asBoolean(false)) {
                script.click();
            } else if (step.has("type")) {
                script.type(step.get("type").asText());
            } else if (step.has("pause")) {
                script.pause(step.get("pause").asInt());
            } else {
                System.err.println("telltale motion: unknown step " + step);
                return 2;
            }
        }
        Files.write(output, json.setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(Map.of("events", script.events())));
        return 0;
    }
}
