package io.telltale.cep.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small IPv4 MMDB file (MaxMind DB format 2.0, maxmind.github.io/MaxMind-DB) for tests:
 * a few networks with ASN-database fields, so that tests run the real reader on a real file and
 * never need a downloaded database. Not for production databases: no IPv6, no pointers, no
 * de-duplication of records.
 *
 * <pre>
 * TestIpDatabase.create()
 *     .residential("81.2.69.0/24", 64500, "Example Broadband")
 *     .hosting("52.0.0.0/8", 16509, "Amazon.com, Inc.")
 *     .write(dir.resolve("asn.mmdb"));
 * </pre>
 */
public final class TestIpDatabase {

    private static final int RECORD_SIZE_BITS = 24;
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private final List<Map.Entry<String, Map<String, Object>>> networks = new ArrayList<>();

    private TestIpDatabase() {}

    public static TestIpDatabase create() {
        return new TestIpDatabase();
    }

    /** A network with the fields of a GeoLite2-ASN record; the AS name decides its type (NetworkTypeRules). */
    public TestIpDatabase asn(String cidr, long asn, String organisation) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("autonomous_system_number", asn);
        record.put("autonomous_system_organization", organisation);
        return network(cidr, record);
    }

    /** A broadband ISP network; the name must not look like a host or a carrier. */
    public TestIpDatabase residential(String cidr, long asn, String organisation) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("autonomous_system_number", asn);
        record.put("autonomous_system_organization", organisation);
        record.put("user_type", "residential");
        return network(cidr, record);
    }

    public TestIpDatabase hosting(String cidr, long asn, String organisation) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("autonomous_system_number", asn);
        record.put("autonomous_system_organization", organisation);
        record.put("user_type", "hosting");
        return network(cidr, record);
    }

    /** Any record (strings, whole numbers, booleans, lists and maps of them). */
    public TestIpDatabase network(String cidr, Map<String, Object> record) {
        networks.add(Map.entry(cidr, record));
        return this;
    }

    public Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    public byte[] bytes() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Node root = new Node();
        for (Map.Entry<String, Map<String, Object>> network : networks) {
            int offset = data.size();
            encode(network.getValue(), data);
            insert(root, network.getKey(), offset);
        }
        // Breadth-first numbering: the root is node 0.
        List<Node> order = new ArrayList<>();
        Map<Node, Integer> index = new IdentityHashMap<>();
        ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            index.put(n, order.size());
            order.add(n);
            for (Object child : n.children) {
                if (child instanceof Node c) {
                    queue.add(c);
                }
            }
        }
        int nodeCount = order.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : order) {
            for (Object child : n.children) {
                long record;
                if (child instanceof Node c) {
                    record = index.get(c);
                } else if (child instanceof Integer dataOffset) {
                    record = nodeCount + 16L + dataOffset; // data pointers skip the 16-byte separator
                } else {
                    record = nodeCount; // no data
                }
                writeUnsigned(out, record, RECORD_SIZE_BITS / 8);
            }
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", new Uint64(1_700_000_000L));
        metadata.put("database_type", "Telltale-Test-ASN");
        metadata.put("description", Map.of("en", "Telltale test database"));
        metadata.put("ip_version", new Uint16(4));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", new Uint16(RECORD_SIZE_BITS));
        encode(metadata, out);
        return out.toByteArray();
    }

    private static final class Node {
        final Object[] children = new Object[2];
    }

    private record Uint16(int value) {}

    private record Uint64(long value) {}

    private static void insert(Node root, String cidr, int dataOffset) {
        String[] parts = cidr.split("/");
        byte[] address;
        try {
            InetAddress a = InetAddress.getByName(parts[0]);
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException("IPv4 networks only: " + cidr);
            }
            address = a.getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a network: " + cidr, e);
        }
        int length = Integer.parseInt(parts[1]);
        if (length < 1 || length > 32) {
            throw new IllegalArgumentException("prefix length 1..32: " + cidr);
        }
        Node node = root;
        for (int i = 0; i < length; i++) {
            int bit = (address[i / 8] >> (7 - i % 8)) & 1;
            if (i == length - 1) {
                if (node.children[bit] instanceof Node) {
                    throw new IllegalArgumentException(cidr + " contains a network added before it; add the larger first");
                }
                node.children[bit] = dataOffset;
            } else {
                if (node.children[bit] instanceof Integer) {
                    throw new IllegalArgumentException(cidr + " lies inside a network added before it");
                }
                if (node.children[bit] == null) {
                    node.children[bit] = new Node();
                }
                node = (Node) node.children[bit];
            }
        }
    }

    // ---- data section encoding (spec: "Output Data Section") ----

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            control(2, utf8.length, out);
            out.writeBytes(utf8);
        } else if (value instanceof Uint16 u) {
            unsignedField(5, u.value(), out);
        } else if (value instanceof Uint64 u) {
            unsignedField(9, u.value(), out);
        } else if (value instanceof Integer || value instanceof Long) {
            long v = ((Number) value).longValue();
            if (v < 0) {
                throw new IllegalArgumentException("negative numbers are not supported: " + v);
            }
            unsignedField(v <= 0xFFFF_FFFFL ? 6 : 9, v, out);
        } else if (value instanceof Boolean b) {
            control(14, b ? 1 : 0, out);
        } else if (value instanceof Map<?, ?> map) {
            control(7, map.size(), out);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                encode((String) e.getKey(), out);
                encode(e.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            control(11, list.size(), out);
            list.forEach(v -> encode(v, out));
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void unsignedField(int type, long value, ByteArrayOutputStream out) {
        int size = 0;
        for (long v = value; v != 0; v >>>= 8) {
            size++;
        }
        control(type, size, out);
        writeUnsigned(out, value, size);
    }

    private static void control(int type, int size, ByteArrayOutputStream out) {
        int first = type <= 7 ? type << 5 : 0;
        byte[] sizeBytes;
        if (size < 29) {
            first |= size;
            sizeBytes = new byte[0];
        } else if (size < 285) {
            first |= 29;
            sizeBytes = new byte[] {(byte) (size - 29)};
        } else if (size < 65_821) {
            first |= 30;
            int s = size - 285;
            sizeBytes = new byte[] {(byte) (s >> 8), (byte) s};
        } else {
            first |= 31;
            int s = size - 65_821;
            sizeBytes = new byte[] {(byte) (s >> 16), (byte) (s >> 8), (byte) s};
        }
        out.write(first);
        if (type > 7) {
            out.write(type - 7);
        }
        out.writeBytes(sizeBytes);
    }

    private static void writeUnsigned(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
