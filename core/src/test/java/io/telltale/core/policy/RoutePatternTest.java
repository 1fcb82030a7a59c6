package io.telltale.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutePatternTest {

    @Test
    void aSubtreeGlobCoversItsRootAndEverythingBelow() {
        RoutePattern checkout = RoutePattern.of("/checkout/**");
        assertThat(checkout.matches("/checkout")).isTrue();
        assertThat(checkout.matches("/checkout/pay")).isTrue();
        assertThat(checkout.matches("/checkout/pay/3ds?step=2")).isTrue();
        assertThat(checkout.matches("/checkoutx")).isFalse();
        assertThat(checkout.matches("/cart/checkout")).isFalse();
    }

    @Test
    void aStarStaysWithinOneSegment() {
        RoutePattern product = RoutePattern.of("/p/*");
        assertThat(product.matches("/p/42")).isTrue();
        assertThat(product.matches("/p/42#reviews")).isTrue();
        assertThat(product.matches("/p/42/reviews")).isFalse();
    }

    @Test
    void everythingElseIsLiteral() {
        RoutePattern login = RoutePattern.of("/login.php");
        assertThat(login.matches("/login.php")).isTrue();
        assertThat(login.matches("/loginXphp")).isFalse();
        assertThat(login.matches(null)).isFalse();
    }

    @Test
    void aPatternMustBeAPath() {
        assertThatThrownBy(() -> RoutePattern.of("login")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> RoutePattern.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
