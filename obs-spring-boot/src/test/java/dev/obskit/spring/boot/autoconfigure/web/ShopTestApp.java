package dev.obskit.spring.boot.autoconfigure.web;

import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A tiny host application: a controller that can fail, and an @Async job that fails. */
@SpringBootApplication
@EnableAsync
public class ShopTestApp {

  /** Thrown by the checkout endpoint; handled by the app's own advice as 409. */
  static final class OutOfStock extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfStock(String sku) {
      super("out of stock: " + sku);
    }
  }

  @RestController
  static class ShopController {
    private final AsyncJobs jobs;

    ShopController(AsyncJobs jobs) {
      this.jobs = jobs;
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable("id") String id) {
      throw new IllegalStateException("order store unavailable for " + id);
    }

    @GetMapping("/checkout/{sku}")
    String checkout(@PathVariable("sku") String sku) {
      throw new OutOfStock(sku);
    }

    @GetMapping("/whoami")
    String whoami(Principal principal) {
      return principal == null ? "nobody" : principal.getName();
    }

    @GetMapping("/reindex")
    String reindex() {
      jobs.reindex();
      return "started";
    }

    @ExceptionHandler(OutOfStock.class)
    ResponseEntity<String> outOfStock(OutOfStock e) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body("sorry");
    }
  }

  @Service
  public static class AsyncJobs {
    @Async
    public void reindex() {
      throw new UnsupportedOperationException("reindex failed in the background");
    }
  }
}
