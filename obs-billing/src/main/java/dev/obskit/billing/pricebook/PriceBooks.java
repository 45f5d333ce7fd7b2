package dev.obskit.billing.pricebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Loads price books from the classpath or the file system. Thread-safe. */
public final class PriceBooks {
  /** Id of the built-in default book. */
  public static final String DEFAULT_ID = "betterstack-2026-01";
  /** Id of the built-in hosting book (seed 002: RAM, CPU, traffic, storage add-ons in 30-day terms). */
  public static final String HOSTING_ID = "hosting-2026-01";

  private static final String RESOURCE_DIR = "/dev/obskit/billing/pricebook/";

  private PriceBooks() {}

  /** Returns the built-in default book, {@value #DEFAULT_ID}. */
  public static PriceBook defaultBook() {
    return DefaultHolder.BOOK;
  }

  /**
   * Returns the built-in hosting book {@value #HOSTING_ID} (EUR): a starter plan and RAM, CPU,
   * traffic and storage add-ons sold in 30-day terms. Not registered by default; add it with
   * {@code BillingConfig.builder().addBook(PriceBooks.hostingBook())}.
   */
  public static PriceBook hostingBook() {
    return HostingHolder.BOOK;
  }

  /** Loads a book from a classpath resource ending in .json, .yaml or .yml. */
  public static PriceBook fromResource(String resource) {
    Objects.requireNonNull(resource, "resource");
    try (InputStream in = PriceBooks.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no price book resource " + resource);
      }
      return PriceBookParser.parse(in, PriceBookFormat.forFileName(resource), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("could not close " + resource, e);
    }
  }

  /** Loads a book from a file ending in .json, .yaml or .yml. */
  public static PriceBook fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return PriceBookParser.parse(in, PriceBookFormat.forFileName(file.toString()),
          file.getFileName().toString());
    } catch (IOException e) {
      throw new PriceBookException(file.toString(), "could not be read: " + e.getMessage(), e);
    }
  }

  private static final class DefaultHolder {
    static final PriceBook BOOK = fromResource(RESOURCE_DIR + DEFAULT_ID + ".json");
  }

  private static final class HostingHolder {
    static final PriceBook BOOK = fromResource(RESOURCE_DIR + HOSTING_ID + ".yaml");
  }
}
