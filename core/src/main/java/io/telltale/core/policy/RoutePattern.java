package io.telltale.core.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A route glob: {@code *} matches within one path segment, {@code **} across segments, anything
 * else literally. {@code /checkout/**} matches {@code /checkout} and everything below it;
 * {@code /p/*} matches {@code /p/42} but not {@code /p/42/reviews}. A query string or fragment on
 * the route is ignored.
 */
public final class RoutePattern implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String glob;
    private final Pattern regex;

    private RoutePattern(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException if the glob is blank or does not start with {@code /} */
    public static RoutePattern of(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (glob.isBlank() || !glob.startsWith("/")) {
            throw new IllegalArgumentException("a route pattern starts with '/', got '" + glob + "'");
        }
        StringBuilder regex = new StringBuilder();
        String body = glob;
        boolean subtree = body.endsWith("/**") && body.length() > 3;
        if (subtree) {
            body = body.substring(0, body.length() - 3);
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (subtree) {
            regex.append("(?:/.*)?");
        }
        return new RoutePattern(glob, Pattern.compile(regex.toString()));
    }

    public boolean matches(String route) {
        if (route == null) {
            return false;
        }
        int cut = indexOfAny(route, '?', '#');
        return regex.matcher(cut < 0 ? route : route.substring(0, cut)).matches();
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    public String glob() {
        return glob;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutePattern other && other.glob.equals(glob);
    }

    @Override
    public int hashCode() {
        return glob.hashCode();
    }

    @Override
    public String toString() {
        return glob;
    }
}
