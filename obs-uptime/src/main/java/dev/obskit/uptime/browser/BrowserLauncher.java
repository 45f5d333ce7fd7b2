package dev.obskit.uptime.browser;

/**
 * SPI: starts headless browser sessions for transaction monitors. The default is {@link
 * SeleniumBrowserLauncher} over the distribution's Chromium and chromedriver; a host with
 * Playwright for Java and its browsers installed implements this (and {@link BrowserSession}) in
 * a few lines and passes it to {@code UptimeConfig.Builder#setBrowserLauncher}. Implementations
 * must be thread-safe; each call may block while the browser starts.
 */
public interface BrowserLauncher {

  /** Starts a fresh browser; the caller closes it. */
  BrowserSession launch() throws Exception;
}
