package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.summary.SummarySchema;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The report of a real (tiny) study, opened from {@code file://} in headless Chromium: every plot
 * renders and draws real pixels, the console stays free of errors, the page fetches nothing, the
 * numbers it shows are those of summary.json, and hovering a contour map shows values. Screenshots
 * are kept in {@code target/report-browser/} for a person to look at.
 */
class ReportInBrowserIT {

  private static final Path SHOTS = Path.of("target", "report-browser");

  static ChromeDriver browser;
  static Path results;
  static JsonNode summary;
  static List<LogEntry> console;

  @BeforeAll
  static void openTheReportOfATinyStudy() throws IOException {
    if (Browser.skipRequested()) {
      return; // each test then reports itself skipped, with the reason
    }
    Browser.require();
    results = TinyStudy.results();
    summary = SummarySchema.assertValid(results.resolve("summary.json"));
    Files.createDirectories(SHOTS);
    browser = Browser.start(1300, 1000);
    browser.get(results.resolve(HtmlReport.FILE).toUri().toString());
    // The page sets data-report-ready once every plot has been drawn (or "failed").
    Browser.waitUntil(
        Duration.ofMinutes(3),
        () -> !attribute("reportReady").equals("null"),
        "the page to render");
    console = browser.manage().logs().get(LogType.BROWSER).getAll();
    fullPageScreenshot(SHOTS.resolve("report.png"));
  }

  @BeforeEach
  void skipWhenAsked() {
    Browser.skipIfRequested();
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void everyPlotIsDrawnAndTheConsoleHasNoError() {
    assertThat(attribute("reportReady"))
        .as("render status: %s", browser.findElement(By.id("render-status")).getText())
        .isEqualTo("true");
    List<WebElement> plots = browser.findElements(By.cssSelector(".plot"));
    // 2 recipes x (surface + contour), the sharpness chart and the training curves.
    assertThat(plots).hasSize(6);
    assertThat(attribute("plotsDrawn")).isEqualTo("6");
    List<String> errors =
        console.stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  @Test
  void eachPlotDrewRealPixels() throws IOException {
    List<String> recipeColours = List.of(PageData.colour(0), PageData.colour(1));
    for (WebElement plot : browser.findElements(By.cssSelector(".plot"))) {
      String id = plot.getAttribute("id");
      browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", plot);
      BufferedImage image = waitForPixels(plot);
      ImageIO.write(image, "png", SHOTS.resolve(id + ".png").toFile());
      if (id.startsWith("surface-") || id.startsWith("contour-")) {
        // A viridis-coloured surface or filled contour map covers much of its box in many shades
        // (measured: a surface about 14% of its box, a contour map about 45%).
        assertThat(distinctColours(image)).as("distinct colours in %s", id).isGreaterThan(100);
        assertThat(nonWhiteFraction(image))
            .as("share of %s drawn", id)
            .isGreaterThan(id.startsWith("surface-") ? 0.08 : 0.25);
      } else {
        // Bars and curves are drawn in the recipes' colours.
        for (String colour : recipeColours) {
          assertThat(hasColour(image, Integer.parseInt(colour.substring(1), 16)))
              .as("%s drawn in %s", id, colour)
              .isTrue();
        }
      }
    }
  }

  @Test
  void everyNumberShownIsTheOneInSummaryJson() {
    List<WebElement> numbers = browser.findElements(By.cssSelector("[data-json-pointer]"));
    assertThat(numbers).hasSizeGreaterThan(50);
    List<String> problems = new ArrayList<>();
    for (WebElement n : numbers) {
      String pointer = n.getAttribute("data-json-pointer");
      JsonNode field = summary.at(pointer);
      String shown = n.getText().strip();
      if ("true".equals(n.getAttribute("data-absent"))) {
        if (!field.isMissingNode()) {
          problems.add(pointer + ": shown as absent but summary.json has " + field);
        }
      } else if (n.getAttribute("data-reason") != null) {
        String reason = summary.at(pointer + "_reason").asText();
        if (!field.isNull() || !reason.equals(n.getAttribute("data-reason"))) {
          problems.add(pointer + ": shown as non-finite but summary.json has " + field);
        }
      } else if (!field.isNumber()) {
        problems.add(pointer + ": shown as " + shown + " but summary.json has " + field);
      } else {
        double value = Double.parseDouble(n.getAttribute("data-value"));
        if (value != field.asDouble() || !shownRoundsTo(shown, value)) {
          problems.add(pointer + ": shown as " + shown + " but summary.json has " + field);
        }
      }
    }
    assertThat(problems).isEmpty();
    // The table's headline numbers are among them.
    assertThat(browser.findElement(By.cssSelector("#numbers-table")).getText())
        .contains("high_lr_small_batch", "low_lr_large_batch");
  }

  @Test
  void theTableOfContentsLinksToEverySection() {
    Set<String> targets = new HashSet<>();
    for (WebElement link : browser.findElements(By.cssSelector("#toc a"))) {
      String href = link.getAttribute("href");
      targets.add(href.substring(href.indexOf('#') + 1));
    }
    for (WebElement section : browser.findElements(By.cssSelector("main > section"))) {
      assertThat(targets).contains(section.getAttribute("id"));
    }
    for (String target : targets) {
      assertThat(browser.findElements(By.id(target))).as("#" + target).hasSize(1);
    }
    assertThat(targets)
        .contains(
            "verdict",
            "numbers",
            "surfaces",
            "sharpness",
            "training",
            "figures",
            "settings",
            "provenance");
  }

  @Test
  void theOtherFiguresAreEmbeddedAndDecode() {
    List<WebElement> images = browser.findElements(By.cssSelector("#figures img"));
    // The study draws generalization_scores.png, measure_correlations.png, raw_vs_filter.png and
    // sharpness_vs_gap.png besides the interactive ones.
    assertThat(images).hasSize(4);
    for (WebElement image : images) {
      assertThat(image.getAttribute("src")).startsWith("data:image/png;base64,");
      Object width = browser.executeScript("return arguments[0].naturalWidth", image);
      assertThat(((Number) width).intValue()).as(image.getAttribute("alt")).isGreaterThan(100);
    }
  }

  @Test
  void thePageFetchesNothing() {
    // Everything is inline: no script, style, font or image is requested from anywhere.
    Object requests =
        browser.executeScript(
            "return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => !n.startsWith('data:'))");
    assertThat((List<?>) requests).isEmpty();
  }

  @Test
  void hoveringAContourMapShowsTheLossThere() {
    WebElement plot = browser.findElement(By.id("contour-0"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", plot);
    // The plot area of a contour trace is the "nsewdrag" rectangle; its centre is (0, 0).
    WebElement area = plot.findElement(By.cssSelector(".nsewdrag"));
    // Off the centre, whose marker has its own label: a quarter of the way to the corner.
    int dx = area.getRect().getWidth() / 4;
    int dy = -area.getRect().getHeight() / 4;
    new Actions(browser).moveToElement(area, dx, dy).pause(Duration.ofMillis(300)).perform();
    Browser.waitUntil(
        Duration.ofSeconds(20),
        () -> !plot.findElements(By.cssSelector(".hoverlayer .hovertext")).isEmpty(),
        "a hover label");
    String hover = plot.findElement(By.cssSelector(".hoverlayer")).getText();
    assertThat(hover).contains("loss", "accuracy", "α", "β");
  }

  /** {@code shown} is {@code value} rounded to the digits shown (half a unit of the last). */
  private static boolean shownRoundsTo(String shown, double value) {
    BigDecimal text = new BigDecimal(shown.replace("−", "-"));
    double halfUnit = 0.5 * Math.pow(10, -text.scale());
    return Math.abs(text.doubleValue() - value) <= halfUnit * (1 + 1e-9);
  }

  private static String attribute(String name) {
    return String.valueOf(browser.executeScript("return document.documentElement.dataset." + name));
  }

  /** A WebGL canvas may need a few frames after the plot resolves: retry for a while. */
  private static BufferedImage waitForPixels(WebElement plot) throws IOException {
    BufferedImage image = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      image = ImageIO.read(new ByteArrayInputStream(plot.getScreenshotAs(OutputType.BYTES)));
      if (distinctColours(image) > 40) {
        return image;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return image;
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  /** Whether some pixel is within a few levels of {@code rgb} on every channel. */
  private static boolean hasColour(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        boolean close = true;
        for (int shift = 0; shift <= 16; shift += 8) {
          close &= Math.abs(((p >> shift) & 0xff) - ((rgb >> shift) & 0xff)) <= 6;
        }
        if (close) {
          return true;
        }
      }
    }
    return false;
  }

  private static double nonWhiteFraction(BufferedImage image) {
    long drawn = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r + g + b < 3 * 235) {
          drawn++;
        }
      }
    }
    return (double) drawn / ((long) image.getWidth() * image.getHeight());
  }

  /** The whole page, beyond the window, through Chrome's own screenshot command. */
  private static void fullPageScreenshot(Path target) throws IOException {
    Map<String, Object> shot =
        browser.executeCdpCommand(
            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
  }
}
