package io.telltale.cli.demo.shop;

import java.util.Map;

/**
 * The shop's HTML. Every page embeds the SDK with the visitor's Telltale session and token, and
 * the corner panel that shows the session's live verdict (polled from the shop's own backend,
 * which asks the decision API: the browser never holds the API key).
 */
final class ShopPages {

    /** How often the SDK sends a batch on the demo's pages; the production default is 5 s. */
    static final int FLUSH_INTERVAL_MS = 2000;
    /** How often the corner panel asks for the verdict. */
    static final int PANEL_REFRESH_MS = 2000;

    private ShopPages() {}

    /** What every page needs to render its head: where the gateway is and whose session this is. */
    record Context(String gatewayUrl, String siteKey, ShopSession session) {}

    static String home(Context c) {
        StringBuilder grid = new StringBuilder("<ul class=\"grid\">");
        for (Catalog.Product p : Catalog.PRODUCTS) {
            grid.append("<li class=\"product\"><a id=\"product-").append(p.sku()).append("\" href=\"/product/")
                    .append(p.sku()).append("\"><b>").append(escape(p.name())).append("</b><span>")
                    .append(p.price()).append("</span></a></li>");
        }
        return page(c, "Telltale demo shop", "<h1>Today's drops</h1>" + grid + "</ul>");
    }

    static String product(Context c, Catalog.Product p) {
        return page(c, p.name(), """
                <h1>%s</h1><p class="price">%s</p><p>%s</p>
                <form method="post" action="/cart/add">
                  <input type="hidden" name="sku" value="%s">
                  <label>Quantity <input id="quantity" name="quantity" type="number" min="1" max="9" value="1"></label>
                  <button id="add-to-cart" type="submit">Add to cart</button>
                </form>""".formatted(escape(p.name()), p.price(), escape(p.blurb()), p.sku()));
    }

    static String login(Context c, String error) {
        return page(c, "Log in", """
                <h1>Log in</h1>%s
                <form method="post" action="/login" class="form">
                  <label>E-mail <input id="username" name="username" autocomplete="off"></label>
                  <label>Password <input id="password" name="password" type="password" autocomplete="off"></label>
                  <button id="login-submit" type="submit">Log in</button>
                </form>""".formatted(error == null ? "" : "<p class=\"error\">" + escape(error) + "</p>"));
    }

    static String cart(Context c, Map<String, Integer> cart) {
        if (cart.isEmpty()) {
            return page(c, "Cart", "<h1>Cart</h1><p>Your cart is empty.</p>");
        }
        StringBuilder rows = new StringBuilder("<table class=\"cart\">");
        long total = 0;
        for (Map.Entry<String, Integer> line : cart.entrySet()) {
            Catalog.Product p = Catalog.find(line.getKey()).orElseThrow();
            total += (long) p.priceCents() * line.getValue();
            rows.append("<tr><td>").append(escape(p.name())).append("</td><td>× ").append(line.getValue())
                    .append("</td><td>").append(p.price()).append("</td></tr>");
        }
        return page(c, "Cart", "<h1>Cart</h1>" + rows + "</table>"
                + String.format("<p class=\"price\">Total %d.%02d €</p>", total / 100, total % 100)
                + "<p><a id=\"checkout\" class=\"button\" href=\"/checkout\">Checkout</a></p>");
    }

    static String checkout(Context c) {
        return page(c, "Checkout", """
                <h1>Checkout</h1>
                <form method="post" action="/checkout" class="form">
                  <label>Name <input id="name" name="name" autocomplete="off"></label>
                  <label>Card number <input id="card" name="card" autocomplete="off"></label>
                  <button id="place-order" type="submit">Place order</button>
                </form>""");
    }

    static String ordered(Context c, int items) {
        return page(c, "Thank you", "<h1>Thank you</h1><p id=\"ordered\">" + items
                + " item(s) on their way. Nothing was charged: this is a demo.</p><p><a href=\"/\">Back to the shop</a></p>");
    }

    private static String page(Context c, String title, String main) {
        ShopSession s = c.session();
        String user = s.userId();
        String init = String.format(
                "{endpoint: %s, siteKey: %s, sessionId: %s, sessionToken: %s, userId: %s, flushInterval: %d}",
                js(c.gatewayUrl()), js(c.siteKey()), js(s.telltaleSessionId), js(s.telltaleToken),
                user == null ? "null" : js(user), FLUSH_INTERVAL_MS);
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <script src="/static/telltale.min.js"></script>
                <script>window.telltale = Telltale.init(%s);</script>
                <style>%s</style></head><body>
                <header><a id="home" href="/">Telltale demo shop</a><nav>%s<a id="cart-link" href="/cart">Cart (%d)</a></nav></header>
                <main>%s</main>
                <aside id="telltale-panel" data-action="none"><h2>Telltale sees you</h2>
                  <p class="verdict">no verdict yet</p><ol class="reasons"></ol>
                  <p class="note">session <code>%s</code>, live from the decision API</p></aside>
                <script>%s</script>
                </body></html>
                """.formatted(escape(title), init, STYLE,
                user == null ? "<a id=\"login-link\" href=\"/login\">Log in</a>" : "<span id=\"user\">" + escape(user) + "</span>",
                s.cart().values().stream().mapToInt(Integer::intValue).sum(), main,
                escape(s.telltaleSessionId), PANEL_SCRIPT.replace("%REFRESH%", Integer.toString(PANEL_REFRESH_MS)));
    }

    private static final String STYLE = """
            body{font:16px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
            header{display:flex;justify-content:space-between;padding:12px 24px;background:#1d3557}
            header a,header span{color:#fff;margin-left:16px;text-decoration:none}
            main{max-width:760px;margin:24px auto;padding:0 24px 240px}
            .grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(3,1fr);gap:16px}
            .product a{display:block;padding:24px 16px;background:#fff;border:1px solid #ddd;border-radius:8px;color:#222;text-decoration:none;min-height:80px}
            .product span{display:block;color:#457b9d;margin-top:8px}
            .form label{display:block;margin:12px 0}
            input{font:inherit;padding:6px 8px;margin-left:8px;width:240px}
            input[type=number]{width:60px}
            button,.button{font:inherit;padding:8px 20px;background:#e63946;color:#fff;border:0;border-radius:6px;text-decoration:none;display:inline-block}
            .price{font-size:1.2em;color:#457b9d}.error{color:#e63946}
            #telltale-panel{position:fixed;right:16px;bottom:16px;width:300px;padding:12px 16px;background:#fff;border:2px solid #aaa;border-radius:10px;font-size:13px;box-shadow:0 2px 12px #0002}
            #telltale-panel h2{font-size:14px;margin:0 0 6px}
            #telltale-panel[data-action=monitor]{border-color:#2a9d8f}
            #telltale-panel[data-action=challenge]{border-color:#e9c46a}
            #telltale-panel[data-action=block]{border-color:#e63946}
            #telltale-panel .verdict{font-size:16px;font-weight:600;margin:4px 0}
            #telltale-panel ol{padding-left:18px;margin:4px 0}.note{color:#777;margin:6px 0 0}
            """;

    /** Polls the shop backend's /api/verdict; writes only text nodes, never HTML from the answer. */
    private static final String PANEL_SCRIPT = """
            (function () {
              var panel = document.getElementById('telltale-panel');
              var verdict = panel.querySelector('.verdict'), reasons = panel.querySelector('.reasons');
              function show(d) {
                if (d.verdict !== 'scored') { panel.dataset.action = 'none'; verdict.textContent = 'no verdict yet'; reasons.textContent = ''; return; }
                panel.dataset.action = d.action;
                panel.dataset.score = d.score;
                verdict.textContent = d.action + ' — score ' + d.score.toFixed(2) + (d.evidence === 'insufficient' ? ' (little behaviour yet)' : '');
                reasons.textContent = '';
                (d.reasons || []).forEach(function (r) {
                  var li = document.createElement('li');
                  li.textContent = r.text;
                  reasons.appendChild(li);
                });
              }
              function poll() {
                fetch('/api/verdict', { cache: 'no-store' }).then(function (r) { return r.ok ? r.json() : null; })
                  .then(function (d) { if (d) show(d); }).catch(function () {});
              }
              poll();
              setInterval(poll, %REFRESH%);
            })();
            """;

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** A JavaScript string literal that is also safe inside a script element. */
    static String js(String s) {
        StringBuilder out = new StringBuilder("'");
        for (char ch : s.toCharArray()) {
            if (ch < 0x20 || ch == '\'' || ch == '\\' || ch == '<' || ch == '>' || ch == '&' || ch == '\u2028' || ch == '\u2029') {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('\'').toString();
    }
}
