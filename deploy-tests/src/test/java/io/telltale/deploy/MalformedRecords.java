package io.telltale.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records the job must dead-letter, one of every kind, by the reason each must get. */
final class MalformedRecords {

    private MalformedRecords() {}

    /**
     * One record of every kind, made unique by {@code round} so records of several rounds can be
     * told apart on the dead-letter topic; timestamps near {@code now}.
     */
    static Map<String, String> round(String round, long now) {
        long later = now + 3_000;
        long farFuture = now + Duration.ofDays(1).toMillis();
        String oversized = "[" + "0,".repeat(9_999) + "0]";
        String id = "\"s-bad-" + round + "-";
        Map<String, String> records = new LinkedHashMap<>();
        records.put("{\"v\":1,\"sessionId\":" + id + "1\",\"seq\":0,", "MALFORMED_JSON");
        records.put("{\"v\":1,\"sessionId\":" + id + "2\",\"seq\":\"zero\",\"startedAt\":" + now
                + ",\"sentAt\":" + later + "}", "WRONG_TYPE");
        records.put("{\"v\":1,\"seq\":0,\"startedAt\":" + now + ",\"sentAt\":" + later
                + ",\"route\":\"/" + round + "\"}", "MISSING_FIELD");
        records.put("{\"v\":1,\"sessionId\":" + id + "4\",\"seq\":0,\"startedAt\":" + now
                + ",\"mouse\":{\"t\":[0],\"x\":[NaN],\"y\":[1],\"kind\":[0]}}", "INVALID_VALUE");
        records.put("{\"v\":1,\"sessionId\":" + id + "5\",\"seq\":0,\"startedAt\":" + now
                + ",\"mouse\":{\"t\":[0],\"x\":[99999999],\"y\":[1],\"kind\":[0]}}", "INVALID_VALUE");
        records.put("{\"v\":1,\"sessionId\":" + id + "6\",\"seq\":0,\"startedAt\":-5,\"sentAt\":" + now + "}",
                "BAD_TIMESTAMP");
        records.put("{\"v\":1,\"sessionId\":" + id + "7\",\"seq\":0,\"startedAt\":" + farFuture
                + ",\"sentAt\":" + farFuture + "}", "BAD_TIMESTAMP");
        records.put("{\"v\":1,\"sessionId\":" + id + "8\",\"seq\":0,\"startedAt\":" + now
                + ",\"scroll\":{\"t\":" + oversized + ",\"dx\":" + oversized + ",\"dy\":" + oversized + "}}",
                "OVERSIZED");
        records.put("{\"v\":2,\"sessionId\":" + id + "9\",\"seq\":0,\"startedAt\":" + now + ",\"sentAt\":"
                + later + "}", "UNSUPPORTED_VERSION");
        records.put("{\"v\":1,\"sessionId\":" + id + "10\",\"seq\":0,\"startedAt\":" + now
                + ",\"mouse\":{\"t\":[0,16],\"x\":[1],\"y\":[1,2],\"kind\":[0,0]}}", "INCONSISTENT_TRACK");
        return records;
    }
}
