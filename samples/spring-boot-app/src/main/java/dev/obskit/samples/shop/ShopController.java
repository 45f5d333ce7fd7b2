package dev.obskit.samples.shop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's API. Checkout fails while {@link Chaos} says so; ObsKit captures what it throws. */
@RestController
public class ShopController {
  private static final Logger log = LoggerFactory.getLogger(ShopController.class);
  private static final List<Map<String, Object>> PRODUCTS = List.of(
      Map.of("sku", "mug-01", "name", "Mug", "price", "9.50"),
      Map.of("sku", "tee-02", "name", "T-shirt", "price", "19.00"));
  private final Chaos chaos;

  public ShopController(Chaos chaos) {
    this.chaos = chaos;
  }

  @GetMapping("/api/products")
  public List<Map<String, Object>> products() {
    return PRODUCTS;
  }

  @GetMapping("/api/checkout/{sku}")
  public Map<String, Object> checkout(@PathVariable("sku") String sku) {
    if (chaos.isBroken()) {
      throw new PaymentGatewayException("payment gateway timed out after 3000 ms for " + sku);
    }
    log.info("order placed for {}", sku);
    return Map.of("sku", sku, "status", "paid");
  }

  /** Breaks checkout for a while (the demo calls it; try it yourself). */
  @PostMapping("/admin/break")
  public String breakCheckout(@RequestParam(name = "seconds", defaultValue = "60") long seconds) {
    chaos.breakFor(Duration.ofSeconds(Math.min(Math.max(seconds, 1), 3600)));
    log.warn("checkout broken on purpose for {} s", seconds);
    return "checkout broken for " + seconds + " s\n";
  }

  /** What a failing payment provider throws. */
  static final class PaymentGatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PaymentGatewayException(String message) {
      super(message);
    }
  }
}
