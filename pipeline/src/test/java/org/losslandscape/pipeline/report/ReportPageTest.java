package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.results.Json;

/** The page of the synthetic folder, read as text (the browser test opens a real one). */
class ReportPageTest {

  private static final Pattern NUMBER =
      Pattern.compile("<span class=\"num[^\"]*\" data-json-pointer=\"([^\"]+)\"([^>]*)>([^<]*)<");

  @TempDir Path dir;
  Path results;

  /** The page without the inlined plotly.js (kept out of assertion messages: it is 4.8 MB). */
  String page;

  @BeforeEach
  void renderTheSyntheticFolder() throws Exception {
    results = SyntheticResults.write(dir.resolve("results"));
    String whole = Files.readString(HtmlReport.write(results), StandardCharsets.UTF_8);
    assertThat(whole.contains(PlotlyBundle.script())).as("plotly.js inlined").isTrue();
    page = whole.replace(PlotlyBundle.script(), "[plotly.js]");
  }

  @Test
  void isOneFileThatLoadsNothing() {
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("Content-Security-Policy", "default-src 'none'")
        .doesNotContain("<script src", "<link", "http:", "https:", "src=\"/", "url(");
  }

  @Test
  void aNonFiniteSharpnessIsShownAsInfinityWithItsReason() {
    String pointer = "/configs/0/sharpness/slice_over_pairs/1.0/mean";
    Matcher m = NUMBER.matcher(page);
    boolean found = false;
    while (m.find()) {
      if (m.group(1).equals(pointer)) {
        found = true;
        assertThat(m.group(2)).contains("data-reason=\"positive_infinity\"");
        assertThat(m.group(3)).isEqualTo("+∞");
      }
    }
    assertThat(found).as(pointer + " shown").isTrue();
    assertThat(page).contains("(non finite)");
  }

  @Test
  void everyNumberOnThePageIsTheOneAtItsPointer() {
    JsonNode summary = Json.read(results.resolve("summary.json"));
    Matcher m = NUMBER.matcher(page);
    int checked = 0;
    while (m.find()) {
      JsonNode field = summary.at(m.group(1));
      String attributes = m.group(2);
      if (attributes.contains("data-absent")) {
        assertThat(field.isMissingNode()).as(m.group(1)).isTrue();
        assertThat(m.group(3)).isEqualTo("—");
      } else if (attributes.contains("data-reason")) {
        assertThat(field.isNull()).as(m.group(1)).isTrue();
      } else {
        String value = attributes.replaceAll(".*data-value=\"([^\"]+)\".*", "$1");
        assertThat(Double.parseDouble(value)).as(m.group(1)).isEqualTo(field.asDouble());
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void aDivergedRecipeSaysWhyItHasNoSlice() {
    assertThat(page)
        .contains("No slice in this folder: training diverged (minibatch loss NaN at step 3).")
        .contains("data-json-pointer=\"/configs/1/train_loss\" data-absent=\"true\"")
        .contains("id=\"surface-0\"")
        .doesNotContain("id=\"surface-1\"");
  }

  @Test
  void theVerdictIsShownFromTheSummary() {
    assertThat(page)
        .contains("<h3>Protocol: epochs (2 epochs)</h3>")
        .contains("data-json-pointer=\"/verdict/claims/0/not_resolved\"")
        .contains("High LR + small batch finds the flattest minimum")
        .doesNotContain("This folder has no verdict");
  }

  @Test
  void figuresAreEmbeddedUntilThePageWouldPassTheBudgetThenLinked() throws Exception {
    long base = Files.size(results.resolve(HtmlReport.FILE));
    // Two figures of which only one fits in what the budget leaves (base64 adds a third).
    int each = (int) ((ReportPage.BUDGET_BYTES - base) * 3 / 4 * 2 / 3);
    byte[] noise = new byte[each];
    new Random(1).nextBytes(noise);
    Files.write(results.resolve("a_first.png"), noise);
    Files.write(results.resolve("b_second.png"), noise);
    Path written = HtmlReport.write(results);
    String again =
        Files.readString(written, StandardCharsets.UTF_8).replace(PlotlyBundle.script(), "");
    assertThat(Files.size(written)).isLessThanOrEqualTo(ReportPage.BUDGET_BYTES);
    assertThat(again).contains("alt=\"A first\" src=\"data:image/png;base64,");
    assertThat(again)
        .contains("<a href=\"b_second.png\">b_second.png</a> is not embedded")
        .doesNotContain("alt=\"B second\"");
  }

  @Test
  void thePageDataCannotEndItsScriptElement() {
    assertThat(ReportPage.scriptSafeJson(java.util.List.of("</script><script>alert(1)")))
        .doesNotContain("</")
        .contains("<\\/script>");
  }
}
