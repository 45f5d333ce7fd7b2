package dev.obskit.uptime.browser;

import java.time.Duration;

/**
 * One headless browser driven by a transaction monitor, used by one thread at a time except for
 * {@link #kill()}, which another thread calls when the journey overruns its hard timeout. Every
 * method throws with a readable message when its step fails.
 */
public interface BrowserSession extends AutoCloseable {

  /** Loads {@code url}, waiting at most {@code timeout} for the page load. */
  void open(String url, Duration timeout) throws Exception;

  /** Clicks the first element matching the CSS {@code selector}, waiting for it. */
  void click(String selector, Duration timeout) throws Exception;

  /** Types {@code text} into the first element matching {@code selector}, waiting for it. */
  void fill(String selector, String text, Duration timeout) throws Exception;

  /** Waits until the page's visible text contains {@code text}. */
  void waitForText(String text, Duration timeout) throws Exception;

  /** Waits until an element matches {@code selector}. */
  void waitForSelector(String selector, Duration timeout) throws Exception;

  /** Returns the HTTP status of the last document loaded, 0 when unknown. */
  int lastStatus() throws Exception;

  /** Returns a PNG screenshot of the current page. */
  byte[] screenshotPng() throws Exception;

  /** Kills the browser at once (its processes included); safe from any thread, idempotent. */
  void kill();

  /** Ends the session politely, then as {@link #kill()}; never throws. */
  @Override
  void close();
}
