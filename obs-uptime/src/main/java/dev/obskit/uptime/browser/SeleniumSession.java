package dev.obskit.uptime.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A Selenium-driven headless Chromium with its own profile directory. */
final class SeleniumSession implements BrowserSession {
  private static final long POLL_MILLIS = 50;

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final AtomicBoolean killed = new AtomicBoolean();

  private SeleniumSession(Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  static SeleniumSession start(Path chromium, Path chromedriver) throws IOException {
    Path profile = Files.createTempDirectory("obskit-journey-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(chromium.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-extensions", "--no-first-run", "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    try {
      return new SeleniumSession(profile, service, new ChromeDriver(service, o));
    } catch (RuntimeException e) {
      service.stop();
      killProcesses(profile);
      deleteQuietly(profile);
      throw e;
    }
  }

  @Override
  public void open(String url, Duration timeout) {
    driver.manage().timeouts().pageLoadTimeout(timeout);
    driver.get(url);
  }

  @Override
  public void click(String selector, Duration timeout) throws InterruptedException {
    element(selector, timeout).click();
  }

  @Override
  public void fill(String selector, String text, Duration timeout) throws InterruptedException {
    WebElement e = element(selector, timeout);
    e.clear();
    e.sendKeys(text);
  }

  @Override
  public void waitForText(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!bodyText().contains(text)) {
      pause(deadline, "text '" + text + "' did not appear within " + timeout.toMillis() + " ms");
    }
  }

  @Override
  public void waitForSelector(String selector, Duration timeout) throws InterruptedException {
    element(selector, timeout);
  }

  @Override
  public int lastStatus() {
    Object s = ((JavascriptExecutor) driver).executeScript(
        "const e = performance.getEntriesByType('navigation')[0];"
            + " return e && e.responseStatus ? e.responseStatus : 0;");
    return s instanceof Number n ? n.intValue() : 0;
  }

  @Override
  public byte[] screenshotPng() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  @Override
  public void kill() {
    if (killed.compareAndSet(false, true)) {
      killProcesses(profile);
      service.stop();
    }
  }

  @Override
  public void close() {
    if (!killed.get()) {
      try {
        driver.quit();
      } catch (RuntimeException e) {
        // the browser is going away either way
      }
    }
    kill();
    deleteQuietly(profile);
  }

  private String bodyText() {
    List<WebElement> body = driver.findElements(By.tagName("body"));
    return body.isEmpty() ? "" : body.get(0).getText();
  }

  private WebElement element(String selector, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<WebElement> found = driver.findElements(By.cssSelector(selector));
      if (!found.isEmpty() && found.get(0).isDisplayed()) {
        return found.get(0);
      }
      pause(deadline, "no visible element matches '" + selector + "' within "
          + timeout.toMillis() + " ms");
    }
  }

  private static void pause(long deadline, String failure) throws InterruptedException {
    if (System.nanoTime() >= deadline) {
      throw new IllegalStateException(failure);
    }
    Thread.sleep(POLL_MILLIS);
  }

  /** Kills every process whose command line names this session's profile directory. */
  static void killProcesses(Path profile) {
    String marker = profile.toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker))
            .orElse(p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .forEach(ProcessHandle::destroyForcibly);
  }

  /** Returns how many live processes name {@code profile} (tests check the kill). */
  static long processesOf(Path profile) {
    String marker = profile.toString();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).count();
  }

  Path profile() {
    return profile;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // Chromium may still be writing while it dies; a leftover temp file is harmless
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // same
    }
  }
}
