package dev.obskit.uptime.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts headless Chromium through Selenium and chromedriver from the distribution (Debian
 * packages {@code chromium} and {@code chromium-driver}: {@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}); both paths are given explicitly, so Selenium Manager never looks for,
 * let alone downloads, a browser. Selenium ({@code org.seleniumhq.selenium:selenium-chrome-driver})
 * is an optional dependency of obs-uptime: the host adds it to use this launcher. Each session
 * gets its own temporary profile directory, which also identifies its processes for {@link
 * BrowserSession#kill()}. Thread-safe.
 */
public final class SeleniumBrowserLauncher implements BrowserLauncher {
  /** Debian's Chromium. */
  public static final Path DISTRIBUTION_CHROMIUM = Path.of("/usr/bin/chromium");
  /** Debian's chromedriver. */
  public static final Path DISTRIBUTION_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final Path chromium;
  private final Path chromedriver;

  /** A launcher for the given browser and driver binaries. */
  public SeleniumBrowserLauncher(Path chromium, Path chromedriver) {
    this.chromium = Objects.requireNonNull(chromium, "chromium");
    this.chromedriver = Objects.requireNonNull(chromedriver, "chromedriver");
  }

  /**
   * Returns a launcher for the distribution's Chromium when both binaries are installed and
   * Selenium is on the class path; empty otherwise.
   */
  public static Optional<BrowserLauncher> distribution() {
    if (!Files.isExecutable(DISTRIBUTION_CHROMIUM)
        || !Files.isExecutable(DISTRIBUTION_CHROMEDRIVER)) {
      return Optional.empty();
    }
    try {
      Class.forName("org.openqa.selenium.chrome.ChromeDriver", false,
          SeleniumBrowserLauncher.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
    return Optional.of(new SeleniumBrowserLauncher(DISTRIBUTION_CHROMIUM,
        DISTRIBUTION_CHROMEDRIVER));
  }

  @Override
  public BrowserSession launch() throws IOException {
    return SeleniumSession.start(chromium, chromedriver);
  }
}
