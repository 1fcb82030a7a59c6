package io.telltale.connectors.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.telltale.core.policy.Allowlist;
import io.telltale.core.policy.GoodBotFamily;
import io.telltale.core.policy.NetworkRange;
import io.telltale.core.policy.Policy;
import io.telltale.core.policy.PolicySet;
import io.telltale.core.policy.RoutePattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a policy file (YAML, format in docs/alerts.md) into a {@link PolicySet}. Validation is
 * complete and strict: unknown keys (typos), wrong types, thresholds outside [0,1] or out of
 * order, bad globs, CIDRs and regexes, undefined route groups and duplicate names are all reported
 * together, each as {@code file: path: what is wrong}, so the job refuses to start on a file that
 * means something other than what its author thought.
 */
public final class PolicyFile {

    /** The policy used when no file is configured, shipped as a resource. */
    public static final String BUILT_IN = "default-policy.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private PolicyFile(String source) {
        this.source = source;
    }

    public static PolicySet read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyFileException(file.toString(), List.of("cannot be read: " + e));
        }
        return parse(file.toString(), text);
    }

    public static PolicySet builtIn() {
        try (InputStream in = PolicyFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy resource " + BUILT_IN + " is missing from the jar");
            }
            return parse("(built-in " + BUILT_IN + ")", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in policy", e);
        }
    }

    /** @param source how to name the text in errors, usually its path */
    public static PolicySet parse(String source, String yaml) {
        return new PolicyFile(source).parse(yaml);
    }

    private PolicySet parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(source, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || !root.isObject()) {
            throw new PolicyFileException(source, List.of("(root): must be a mapping with 'version' and 'default'"));
        }
        allowOnly(root, "", "version", "routeGroups", "policies", "default", "allowlist");
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != 1) {
            problem("version", "must be 1, got " + describe(version));
        }
        Map<String, List<RoutePattern>> groups = routeGroups(root.get("routeGroups"));
        List<Policy> policies = new ArrayList<>();
        JsonNode list = root.get("policies");
        if (list != null && !list.isArray()) {
            problem("policies", "must be a list, got " + describe(list));
        } else if (list != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Policy policy = policy(list.get(i), "policies[" + i + "]", groups, false);
                if (policy != null && !names.add(policy.name())) {
                    problem("policies[" + i + "].name", "'" + policy.name() + "' is used by an earlier policy");
                }
                if (policy != null) {
                    policies.add(policy);
                }
            }
        }
        Policy fallback = null;
        JsonNode def = root.get("default");
        if (def == null) {
            problem("default", "is required: the policy for routes no other policy covers");
        } else {
            fallback = policy(def, "default", groups, true);
        }
        Allowlist allowlist = allowlist(root.get("allowlist"));
        if (!problems.isEmpty() || fallback == null) {
            throw new PolicyFileException(source, problems);
        }
        try {
            return new PolicySet(policies, fallback, allowlist);
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(source, List.of(e.getMessage()));
        }
    }

    private Map<String, List<RoutePattern>> routeGroups(JsonNode node) {
        Map<String, List<RoutePattern>> groups = new LinkedHashMap<>();
        if (node == null) {
            return groups;
        }
        if (!node.isObject()) {
            problem("routeGroups", "must be a mapping of group name to route patterns, got " + describe(node));
            return groups;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            groups.put(group.getKey(), routes(group.getValue(), "routeGroups." + group.getKey()));
        }
        return groups;
    }

    private List<RoutePattern> routes(JsonNode node, String path) {
        List<RoutePattern> routes = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problem(path, "must be a list of route patterns such as '/login' or '/checkout/**', got " + describe(node));
            return routes;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode glob = node.get(i);
            if (!glob.isTextual()) {
                problem(path + "[" + i + "]", "must be a string, got " + describe(glob));
                continue;
            }
            try {
                routes.add(RoutePattern.of(glob.asText()));
            } catch (IllegalArgumentException e) {
                problem(path + "[" + i + "]", e.getMessage());
            }
        }
        return routes;
    }

    private Policy policy(JsonNode node, String path, Map<String, List<RoutePattern>> groups, boolean isDefault) {
        if (node == null || !node.isObject()) {
            problem(path, "must be a mapping, got " + describe(node));
            return null;
        }
        if (isDefault) {
            allowOnly(node, path + ".", "challengeAt", "blockAt", "monitorOnly");
        } else {
            allowOnly(node, path + ".", "name", "routes", "routeGroups", "challengeAt", "blockAt", "monitorOnly");
        }
        int before = problems.size();
        String name = "default";
        List<RoutePattern> routes = new ArrayList<>();
        if (!isDefault) {
            JsonNode n = node.get("name");
            if (n == null || !n.isTextual() || n.asText().isBlank()) {
                problem(path + ".name", "is required, a non-empty string; got " + describe(n));
            } else {
                name = n.asText();
            }
            if (node.has("routes")) {
                routes.addAll(routes(node.get("routes"), path + ".routes"));
            }
            JsonNode g = node.get("routeGroups");
            if (g != null && !g.isArray()) {
                problem(path + ".routeGroups", "must be a list of group names, got " + describe(g));
            } else if (g != null) {
                for (int i = 0; i < g.size(); i++) {
                    List<RoutePattern> group = groups.get(g.get(i).asText());
                    if (group == null) {
                        problem(path + ".routeGroups[" + i + "]", "no route group '" + g.get(i).asText()
                                + "' is defined under routeGroups (defined: " + groups.keySet() + ")");
                    } else {
                        routes.addAll(group);
                    }
                }
            }
            if (!node.has("routes") && !node.has("routeGroups")) {
                problem(path, "needs 'routes' or 'routeGroups': which routes does it cover?");
            }
        }
        double challengeAt = threshold(node, path, "challengeAt");
        double blockAt = threshold(node, path, "blockAt");
        boolean monitorOnly = false;
        JsonNode m = node.get("monitorOnly");
        if (m != null && !m.isBoolean()) {
            problem(path + ".monitorOnly", "must be true or false, got " + describe(m));
        } else if (m != null) {
            monitorOnly = m.asBoolean();
        }
        if (problems.size() > before) {
            return null;
        }
        if (blockAt < challengeAt) {
            problem(path + ".blockAt", blockAt + " is below challengeAt " + challengeAt);
            return null;
        }
        return new Policy(name, routes, challengeAt, blockAt, monitorOnly);
    }

    private double threshold(JsonNode node, String path, String field) {
        JsonNode t = node.get(field);
        if (t == null || !t.isNumber() || !(t.asDouble() >= 0 && t.asDouble() <= 1)) {
            problem(path + "." + field, "is required, a number in [0,1]; got " + describe(t));
            return Double.NaN;
        }
        return t.asDouble();
    }

    private Allowlist allowlist(JsonNode node) {
        if (node == null) {
            return Allowlist.NONE;
        }
        if (!node.isObject()) {
            problem("allowlist", "must be a mapping with 'networks' and/or 'goodBots', got " + describe(node));
            return Allowlist.NONE;
        }
        allowOnly(node, "allowlist.", "networks", "goodBots");
        List<NetworkRange> networks = new ArrayList<>();
        JsonNode nets = node.get("networks");
        if (nets != null && !nets.isArray()) {
            problem("allowlist.networks", "must be a list of CIDR blocks, got " + describe(nets));
        } else if (nets != null) {
            for (int i = 0; i < nets.size(); i++) {
                try {
                    networks.add(NetworkRange.parse(nets.get(i).isTextual() ? nets.get(i).asText() : null));
                } catch (IllegalArgumentException e) {
                    problem("allowlist.networks[" + i + "]", e.getMessage());
                }
            }
        }
        List<GoodBotFamily> bots = new ArrayList<>();
        JsonNode goodBots = node.get("goodBots");
        if (goodBots != null && !goodBots.isArray()) {
            problem("allowlist.goodBots", "must be a list, got " + describe(goodBots));
        } else if (goodBots != null) {
            for (int i = 0; i < goodBots.size(); i++) {
                GoodBotFamily bot = goodBot(goodBots.get(i), "allowlist.goodBots[" + i + "]");
                if (bot != null) {
                    bots.add(bot);
                }
            }
        }
        return new Allowlist(networks, bots);
    }

    private GoodBotFamily goodBot(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "must be a mapping with name, userAgent and domains, got " + describe(node));
            return null;
        }
        allowOnly(node, path + ".", "name", "userAgent", "domains");
        int before = problems.size();
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            problem(path + ".name", "is required, a non-empty string; got " + describe(name));
        }
        Pattern userAgent = null;
        JsonNode ua = node.get("userAgent");
        if (ua == null || !ua.isTextual() || ua.asText().isBlank()) {
            problem(path + ".userAgent", "is required, a regular expression; got " + describe(ua));
        } else {
            try {
                userAgent = Pattern.compile(ua.asText());
            } catch (PatternSyntaxException e) {
                problem(path + ".userAgent", "is not a valid regular expression: " + e.getDescription());
            }
        }
        List<String> domains = new ArrayList<>();
        JsonNode d = node.get("domains");
        if (d == null || !d.isArray() || d.isEmpty()) {
            problem(path + ".domains", "is required: the reverse-DNS domains that prove the bot, e.g. [googlebot.com];"
                    + " got " + describe(d));
        } else {
            for (int i = 0; i < d.size(); i++) {
                if (!d.get(i).isTextual() || d.get(i).asText().isBlank()) {
                    problem(path + ".domains[" + i + "]", "must be a domain name, got " + describe(d.get(i)));
                } else {
                    domains.add(d.get(i).asText());
                }
            }
        }
        return problems.size() > before ? null : new GoodBotFamily(name.asText(), userAgent, domains);
    }

    private void allowOnly(JsonNode node, String prefix, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problem(prefix + key, "unknown key; expected one of " + List.of(keys));
            }
        }
    }

    private void problem(String path, String what) {
        problems.add(path + ": " + what);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        String text = node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
