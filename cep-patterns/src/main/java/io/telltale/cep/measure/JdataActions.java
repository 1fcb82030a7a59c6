package io.telltale.cep.measure;

import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Real JD.com shopper actions (JData 2017, {@code JData_Action_*.csv}:
 * {@code user_id,sku_id,time,model_id,type,cate,brand}) as commerce events, for checking that the
 * cross-session patterns stay quiet on real people.
 *
 * <ul>
 *   <li>Type codes: 2 add-to-cart → {@code cart_add}, 3 remove-from-cart → {@code cart_remove}, 4 order
 *       → {@code checkout} of that SKU, 1 browse and 6 click → {@code page_view}; 5 follow is not a
 *       commerce event of ours and is dropped.
 *   <li>Sessions: the data has none, so a user's actions split where they pause longer than the
 *       pattern job's session gap, which is what the job itself would do with one session id.
 *   <li>Addresses: the data has none, so every user gets an address in a residential /24 of its
 *       own ({@link ShopperTraffic#home}). That is the worst case for false alarms: every user counts
 *       as a distinct home network, so inventory hoarding's distinct-network test cannot save a
 *       product that many real users held; real traffic sharing a few networks only fires less.
 *   <li>Times are read as UTC; only differences matter.
 * </ul>
 */
public final class JdataActions {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The events in time order, and what was read. */
    public record Conversion(List<CommerceEvent> events, int rows, int dropped, int users, int sessions) {}

    private record Row(String user, String sku, long time, int type, String category) {}

    private JdataActions() {}

    /** Every {@code JData_Action_*.csv} in {@code folder}, sessions cut at {@code sessionGap}. */
    public static Conversion read(Path folder, Duration sessionGap) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches("JData_Action_.*\\.csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no JData_Action_*.csv in " + folder);
        }
        List<Row> rows = new ArrayList<>();
        int dropped = 0;
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length < 7 || f[4].isBlank()) {
                    dropped++;
                    continue;
                }
                int type = (int) Double.parseDouble(f[4]);
                if (type == 5) {
                    dropped++;
                    continue;
                }
                String user = f[0].endsWith(".0") ? f[0].substring(0, f[0].length() - 2) : f[0];
                long time = LocalDateTime.parse(f[2], TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
                rows.add(new Row(user, f[1], time, type, "cate-" + f[5]));
            }
        }
        int total = rows.size() + dropped;
        // Stable: actions of one second keep their order in the file.
        rows.sort(Comparator.comparingLong(Row::time));
        Map<String, Integer> homes = new TreeMap<>();
        rows.stream().map(Row::user).distinct().sorted().forEach(u -> homes.put(u, homes.size()));
        Map<String, long[]> lastAndSession = new HashMap<>();
        int sessions = 0;
        List<CommerceEvent> events = new ArrayList<>(rows.size());
        for (Row r : rows) {
            long[] state = lastAndSession.get(r.user());
            if (state == null || r.time() - state[0] > sessionGap.toMillis()) {
                state = new long[] {r.time(), state == null ? 0 : state[1] + 1};
                lastAndSession.put(r.user(), state);
                sessions++;
            }
            state[0] = r.time();
            String sessionId = "jd-" + r.user() + "-" + state[1];
            String ip = ShopperTraffic.home(homes.get(r.user()));
            events.add(switch (r.type()) {
                case 2 -> new CommerceEvent(1, CommerceEventType.CART_ADD, sessionId, r.user(), ip, r.sku(), r.category(), 1, r.time());
                case 3 -> new CommerceEvent(1, CommerceEventType.CART_REMOVE, sessionId, r.user(), ip, r.sku(), r.category(), 1, r.time());
                case 4 -> new CommerceEvent(1, CommerceEventType.CHECKOUT, sessionId, r.user(), ip, r.sku(), r.category(), 1, r.time());
                default -> new CommerceEvent(1, CommerceEventType.PAGE_VIEW, sessionId, r.user(), ip, null, null, 0, r.time());
            });
        }
        return new Conversion(List.copyOf(events), total, dropped, homes.size(), sessions);
    }

}
