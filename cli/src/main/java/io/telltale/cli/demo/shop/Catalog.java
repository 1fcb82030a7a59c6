package io.telltale.cli.demo.shop;

import java.util.List;
import java.util.Optional;

/** What the demo shop sells: a few graphics cards and consoles, the goods scalpers hoard. */
final class Catalog {

    /** One product; price in cents. */
    record Product(String sku, String name, String category, int priceCents, String blurb) {
        String price() {
            return String.format("%d.%02d €", priceCents / 100, priceCents % 100);
        }
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("GPU-4090", "Graphics card RTX 4090", "gpu", 179_900, "The one every scalper wants. Limit two per customer."),
            new Product("GPU-7900", "Graphics card RX 7900 XTX", "gpu", 99_900, "24 GB, quiet cooler, three fans."),
            new Product("CON-PS5", "Console PlayStation 5 Pro", "console", 79_999, "Disc drive sold separately."),
            new Product("CON-XSX", "Console Xbox Series X", "console", 54_999, "1 TB, one controller."),
            new Product("SNK-J1", "Sneakers Jordan 1 Retro High", "sneakers", 18_999, "Limited release, sizes 40–46."),
            new Product("TKT-F1", "Ticket Grand Prix, Saturday", "tickets", 34_500, "Grandstand B, one seat."));

    private Catalog() {}

    static Optional<Product> find(String sku) {
        return PRODUCTS.stream().filter(p -> p.sku().equals(sku)).findFirst();
    }
}
