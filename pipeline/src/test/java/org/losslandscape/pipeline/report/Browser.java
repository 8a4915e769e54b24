package org.losslandscape.pipeline.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through its own {@code chromedriver} (Selenium is pointed at
 * both binaries, so it downloads nothing). Where they are, and whether a missing browser fails the
 * tests or skips them, is set with system properties:
 *
 * <ul>
 *   <li>{@code report.chromium} (default {@code /usr/bin/chromium}) and {@code report.chromedriver}
 *       (default {@code /usr/bin/chromedriver});
 *   <li>{@code report.browser=skip}: skip the browser tests, with the reason in the test report.
 *       Without it, a missing browser is a test failure, never a silent pass.
 * </ul>
 */
final class Browser {

  static final Path CHROMIUM = Path.of(System.getProperty("report.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("report.chromedriver", "/usr/bin/chromedriver"));

  private Browser() {}

  /** Why the browser tests are skipped, when {@code -Dreport.browser=skip} asks for it. */
  static final String SKIPPED =
      "browser tests skipped on request (-Dreport.browser=skip): report.html was not checked in a"
          + " browser";

  /** True when {@code -Dreport.browser=skip} was given. */
  static boolean skipRequested() {
    return "skip".equals(System.getProperty("report.browser"));
  }

  /** Skips the calling test, with the reason, when asked to; a test report lists it as skipped. */
  static void skipIfRequested() {
    if (skipRequested()) {
      Assumptions.abort(SKIPPED);
    }
  }

  /** Fails, saying what to do, unless both browser binaries are there. */
  static void require() {
    for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(binary)) {
        Assertions.fail(
            "no browser to test report.html in: "
                + binary
                + " is missing. Install Debian's chromium and chromium-driver (apt-get install"
                + " chromium chromium-driver), point -Dreport.chromium and -Dreport.chromedriver at"
                + " them, or skip these tests explicitly with -Dreport.browser=skip");
      }
    }
  }

  /** Polls {@code condition} until it holds; fails naming {@code what} after {@code timeout}. */
  static void waitUntil(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        Assertions.fail("waited " + timeout.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Assertions.fail("interrupted while waiting for " + what);
      }
    }
  }

  /** A new headless browser with its own fresh profile; quit it when done. */
  static ChromeDriver start(int width, int height) {
    Path profile;
    try {
      profile = Files.createTempDirectory("report-browser-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        // WebGL (the 3-D surfaces) in headless mode runs on SwiftShader, which needs these.
        "--enable-unsafe-swiftshader",
        "--use-angle=swiftshader",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // Selenium warns that it has no CDP binding for this Chromium version; the tests use none.
    Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
    Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .withTimeout(Duration.ofMinutes(2))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
    driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
    return driver;
  }
}
