package io.telltale.cli.demo.shop;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's web shop on localhost: product list, product pages, login, cart and checkout, with
 * the browser SDK on every page. Its backend does what a real shop's would: it starts a Telltale
 * session for each new visitor ({@code POST /v1/sessions}), sends commerce events
 * ({@code POST /v1/commerce}) and asks the decision API for the visitor's verdict, which the page's
 * corner panel shows. The API key stays here; pages only ever see the session's id and token.
 *
 * <p>The SDK is the built one-file script, {@code sdk/dist/telltale.min.js}, committed as a
 * resource beside this class; {@code sdk/ci.sh} fails when it differs from a fresh build.
 */
public final class DemoShop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoShop.class);
    static final String COOKIE = "shop_session";
    static final String SDK_RESOURCE = "telltale.min.js";
    /** Marks a request whose visitor was created while answering it (its cookie is not back yet). */
    private static final AttachmentKey<String> NEW_VISITOR = AttachmentKey.create(String.class);
    /** Visitors remembered; the oldest is forgotten beyond it (a demo runs for minutes, not months). */
    static final int MAX_VISITORS = 10_000;
    /** A password at least this long logs in; shorter is a failed login (the shop checks nothing else). */
    static final int MIN_PASSWORD_LENGTH = 8;

    private final byte[] sdk;
    private final String siteKey;
    /** Set once the gateway runs ({@link #connect}); the gateway needs the shop's origin first. */
    private volatile int gatewayPort;
    private volatile TelltaleApi telltale;
    private final Set<String> telltaleSessions = ConcurrentHashMap.newKeySet();
    private final Map<String, ShopSession> visitors = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ShopSession> eldest) {
                    if (size() <= MAX_VISITORS) {
                        return false;
                    }
                    telltaleSessions.remove(eldest.getValue().telltaleSessionId);
                    return true;
                }
            });
    private final Undertow server;

    private DemoShop(String host, int port, String siteKey) {
        this.sdk = readSdk();
        this.siteKey = siteKey;
        RoutingHandler routes = new RoutingHandler()
                .get("/", ex -> html(ex, ShopPages.home(context(ex))))
                .get("/product/{sku}", this::product)
                .get("/login", ex -> html(ex, ShopPages.login(context(ex), null)))
                .post("/login", this::login)
                .get("/cart", ex -> html(ex, ShopPages.cart(context(ex), visitor(ex).cart())))
                .post("/cart/add", this::addToCart)
                .get("/checkout", ex -> html(ex, ShopPages.checkout(context(ex))))
                .post("/checkout", this::checkout)
                .get("/api/verdict", this::verdict)
                .get("/static/" + SDK_RESOURCE, ex -> send(ex, 200, "text/javascript; charset=utf-8", sdk))
                .setFallbackHandler(ex -> send(ex, 404, "text/plain; charset=utf-8",
                        "no such page".getBytes(StandardCharsets.UTF_8)));
        this.server = Undertow.builder().addHttpListener(port, host).setHandler(new BlockingHandler(ex -> {
            if (telltale == null) {
                send(ex, 503, "text/plain; charset=utf-8", "the shop opens in a moment".getBytes(StandardCharsets.UTF_8));
            } else {
                try {
                    routes.handleRequest(ex);
                } catch (UncheckedIOException e) {
                    // The gateway did not start a session for a new visitor: say so, not a bare 500.
                    LOG.warn("shop request {} failed: {}", ex.getRequestPath(), e.getCause().toString());
                    send(ex, 502, "text/plain; charset=utf-8",
                            ("Telltale's gateway did not answer: " + e.getCause().getMessage()).getBytes(StandardCharsets.UTF_8));
                }
            }
        })).build();
    }

    /**
     * Starts the shop; it answers 503 until {@link #connect} tells it where the gateway is.
     *
     * @param port 0 picks a free port ({@link #port()})
     */
    public static DemoShop start(String host, int port, String siteKey) {
        DemoShop shop = new DemoShop(host, port, siteKey);
        shop.server.start();
        return shop;
    }

    /**
     * Opens the shop.
     *
     * @param gatewayPort where browsers reach the gateway, on the host name they reached the shop by
     * @param gatewayUrl  where this backend reaches the gateway
     * @param apiKey      the backend's API key for sessions, commerce events and decisions
     */
    public void connect(int gatewayPort, String gatewayUrl, String apiKey) {
        this.gatewayPort = gatewayPort;
        this.telltale = new TelltaleApi(gatewayUrl, siteKey, apiKey);
    }

    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Shop sessions are counted apart from the simulator's in the live table. */
    public boolean isShopSession(String telltaleSessionId) {
        return telltaleSessions.contains(telltaleSessionId);
    }

    private static byte[] readSdk() {
        try (InputStream in = DemoShop.class.getResourceAsStream(SDK_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built SDK is missing from the classpath: " + SDK_RESOURCE
                        + " (copy sdk/dist/telltale.min.js to cli/src/main/resources/io/telltale/cli/demo/shop/)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- pages --------------------------------------------------------------------------------

    private void product(HttpServerExchange ex) throws IOException {
        String sku = ex.getQueryParameters().get("sku").getFirst();
        Optional<Catalog.Product> product = Catalog.find(sku);
        if (product.isEmpty()) {
            send(ex, 404, "text/plain; charset=utf-8", ("no product " + sku).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ShopPages.Context c = context(ex);
        commerce(ex, c.session(), "page_view", sku, product.get().category(), null);
        html(ex, ShopPages.product(c, product.get()));
    }

    private void login(HttpServerExchange ex) throws IOException {
        FormData form = form(ex);
        String user = value(form, "username");
        String password = value(form, "password");
        ShopPages.Context c = context(ex);
        if (user.isBlank() || password.length() < MIN_PASSWORD_LENGTH) {
            commerce(ex, c.session(), "login_failed", null, null, null);
            html(ex, ShopPages.login(c, "Wrong e-mail or password."));
            return;
        }
        c.session().logIn(user.strip());
        commerce(ex, c.session(), "login", null, null, null);
        redirect(ex, "/");
    }

    private void addToCart(HttpServerExchange ex) throws IOException {
        FormData form = form(ex);
        Optional<Catalog.Product> product = Catalog.find(value(form, "sku"));
        int quantity;
        try {
            quantity = Math.max(1, Math.min(9, Integer.parseInt(value(form, "quantity").strip())));
        } catch (NumberFormatException e) {
            quantity = 1;
        }
        if (product.isEmpty()) {
            send(ex, 400, "text/plain; charset=utf-8", "no such product".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ShopSession session = visitor(ex);
        session.add(product.get().sku(), quantity);
        commerce(ex, session, "cart_add", product.get().sku(), product.get().category(), quantity);
        redirect(ex, "/cart");
    }

    private void checkout(HttpServerExchange ex) throws IOException {
        form(ex);
        ShopSession session = visitor(ex);
        Map<String, Integer> bought = session.takeCart();
        for (Map.Entry<String, Integer> line : bought.entrySet()) {
            String category = Catalog.find(line.getKey()).map(Catalog.Product::category).orElse(null);
            commerce(ex, session, "checkout", line.getKey(), category, line.getValue());
        }
        html(ex, ShopPages.ordered(context(ex), bought.values().stream().mapToInt(Integer::intValue).sum()));
    }

    /** The visitor's verdict, asked of the decision API by this backend with its API key. */
    private void verdict(HttpServerExchange ex) {
        ShopSession session = visitor(ex);
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try {
            send(ex, 200, "application/json", telltale.decision(session.telltaleSessionId).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            send(ex, 502, "application/json", ("{\"error\":\"TELLTALE_UNREACHABLE\",\"detail\":\""
                    + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(ex, 503, "application/json", "{\"error\":\"STOPPING\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- visitors -----------------------------------------------------------------------------

    private ShopPages.Context context(HttpServerExchange ex) {
        String gatewayUrl = "http://" + hostForUrl(ex.getHostName()) + ":" + gatewayPort;
        return new ShopPages.Context(gatewayUrl, siteKey, visitor(ex));
    }

    /** The visitor of this request, with a new shop cookie and Telltale session on the first visit. */
    private ShopSession visitor(HttpServerExchange ex) {
        var cookie = ex.getRequestCookie(COOKIE);
        if (cookie != null) {
            ShopSession known = visitors.get(cookie.getValue());
            if (known != null) {
                return known;
            }
        }
        String id = (String) ex.getAttachment(NEW_VISITOR);
        if (id != null) {
            return visitors.get(id);
        }
        TelltaleApi.Started started;
        try {
            started = telltale.startSession();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        id = UUID.randomUUID().toString();
        ShopSession session = new ShopSession(started.sessionId(), started.token());
        visitors.put(id, session);
        telltaleSessions.add(started.sessionId());
        ex.putAttachment(NEW_VISITOR, id);
        ex.setResponseCookie(new CookieImpl(COOKIE, id).setPath("/").setHttpOnly(true).setSameSiteMode("Lax"));
        LOG.info("shop visitor {} is Telltale session {}", id, started.sessionId());
        return session;
    }

    private void commerce(HttpServerExchange ex, ShopSession session, String type, String sku, String category,
            Integer quantity) {
        telltale.sendCommerce(type, session.telltaleSessionId, session.userId(),
                ex.getSourceAddress().getAddress().getHostAddress(), sku, category, quantity);
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    private static FormData form(HttpServerExchange ex) throws IOException {
        FormData form = FormParserFactory.builder().build().createParser(ex).parseBlocking();
        return form == null ? new FormData(0) : form;
    }

    private static String value(FormData form, String name) {
        FormData.FormValue v = form.getFirst(name);
        return v == null || v.isFileItem() ? "" : v.getValue();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void html(HttpServerExchange ex, String page) {
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        send(ex, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(HttpServerExchange ex, String location) {
        ex.getResponseHeaders().put(Headers.LOCATION, location);
        send(ex, StatusCodes.SEE_OTHER, "text/plain; charset=utf-8", new byte[0]);
    }

    private static void send(HttpServerExchange ex, int status, String contentType, byte[] body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        ex.getResponseSender().send(ByteBuffer.wrap(body));
    }

    @Override
    public void close() {
        server.stop();
    }
}
