package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The vendored plotly.js is exactly the published file, with its licence and version beside it. */
class PlotlyBundleTest {

  /** SHA-256 of plotly.min.js in npm's plotly.js-dist-min 4.1.2, as downloaded with npm pack. */
  private static final String PUBLISHED_SHA256 =
      "2f645d1bade8182fce161b7f10f89402f8b315805250ff4a94672a28d23c390a";

  @Test
  void theScriptIsThePublishedFileUnchanged() throws Exception {
    byte[] script = PlotlyBundle.bytes(PlotlyBundle.SCRIPT);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script));
    assertThat(sha).isEqualTo(PUBLISHED_SHA256).isEqualTo(PlotlyBundle.SHA256);
    assertThat(script.length).isEqualTo(4_834_409);
    assertThat(PlotlyBundle.script()).startsWith("/**\n* plotly.js v" + PlotlyBundle.VERSION);
  }

  @Test
  void theScriptCanBeInlinedIntoAPage() {
    // "</script" inside it would end the page's script element early.
    assertThat(PlotlyBundle.script().toLowerCase(java.util.Locale.ROOT)).doesNotContain("</script");
  }

  @Test
  void itsLicenceAndProvenanceTravelWithIt() {
    assertThat(PlotlyBundle.licence())
        .startsWith("MIT License")
        .contains("Plotly Technologies Inc.")
        .contains("Permission is hereby granted, free of charge");
    String readme = new String(PlotlyBundle.bytes("plotly/README.md"), StandardCharsets.UTF_8);
    assertThat(readme)
        .contains("plotly.js-dist-min@" + PlotlyBundle.VERSION)
        .contains(PlotlyBundle.SHA256);
  }
}
