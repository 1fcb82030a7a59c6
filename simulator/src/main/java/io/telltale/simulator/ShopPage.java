package io.telltale.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A page of the demo shop as laid out in the visitor's viewport: what can be clicked or typed
 * into, and where.
 *
 * @param links  things to click that lead elsewhere (products, navigation)
 * @param fields form fields, in filling order (empty where the page has no form)
 * @param submit the page's main button (add to cart, checkout, sign in, place order), or null
 */
record ShopPage(Kind kind, String route, Target searchBox, List<Target> links, List<Target> fields, Target submit) {

    enum Kind { HOME, SEARCH, PRODUCT, CART, LOGIN, CHECKOUT }

    static ShopPage layout(Kind kind, int viewportWidth, int viewportHeight, Random random) {
        int vw = Math.max(800, viewportWidth);
        int vh = Math.max(500, viewportHeight);
        Target searchBox = new Target("search", vw / 2 - 220, 16, 440, 40);
        List<Target> links = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            links.add(new Target("nav-" + i, vw - 480 + i * 110, 22, 90, 28));
        }
        List<Target> fields = new ArrayList<>();
        Target submit = null;
        String route;
        switch (kind) {
            case HOME, SEARCH -> {
                route = kind == Kind.HOME ? "/" : "/search";
                int columns = vw >= 1200 ? 4 : 3;
                int cardWidth = (vw - 80 - (columns - 1) * 24) / columns;
                int cardHeight = Math.min(320, (vh - 140) / 2 - 24);
                for (int row = 0; row < 2; row++) {
                    for (int column = 0; column < columns; column++) {
                        links.add(new Target("product", 40 + column * (cardWidth + 24), 100 + row * (cardHeight + 24), cardWidth, cardHeight));
                    }
                }
            }
            case PRODUCT -> {
                route = "/product/" + (1000 + random.nextInt(9000));
                submit = new Target("add-to-cart", (int) (vw * 0.6), Math.min(320, vh - 200), 220, 48);
                for (int i = 0; i < 4; i++) {
                    links.add(new Target("related", 40 + i * 200, vh - 140, 180, 110));
                }
            }
            case CART -> {
                route = "/cart";
                submit = new Target("checkout", vw - 320, Math.min(260, vh - 120), 240, 50);
            }
            case LOGIN -> {
                route = "/login";
                fields.add(new Target("email", vw / 2 - 170, 200, 340, 44));
                fields.add(new Target("password", vw / 2 - 170, 270, 340, 44));
                submit = new Target("sign-in", vw / 2 - 170, 340, 340, 46);
            }
            case CHECKOUT -> {
                route = "/checkout";
                for (int i = 0; i < 4; i++) {
                    fields.add(new Target("address-" + i, vw / 2 - 200, 110 + i * 64, 400, 44));
                }
                submit = new Target("place-order", vw / 2 - 200, 110 + 4 * 64, 400, 48);
            }
            default -> throw new IllegalStateException("unknown page " + kind);
        }
        return new ShopPage(kind, route, searchBox, List.copyOf(links), List.copyOf(fields), submit);
    }

    /** A product link if the page has any, else any link. */
    Target someProduct(Random random) {
        List<Target> products = links.stream().filter(t -> !t.name().startsWith("nav")).toList();
        List<Target> from = products.isEmpty() ? links : products;
        return from.get(random.nextInt(from.size()));
    }

    Target someNavigation(Random random) {
        return links.get(random.nextInt(4));
    }
}
