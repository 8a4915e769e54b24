package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.report.Html.Style;

class HtmlTest {

  @Test
  void escapesEverythingThatCouldOpenATagOrCloseAnAttribute() {
    assertThat(Html.escape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void aFiniteNumberCarriesItsPointerAndExactValue() {
    assertThat(Html.number("/configs/0/test_loss", 0.35059267578125, Style.DECIMALS))
        .isEqualTo(
            "<span class=\"num\" data-json-pointer=\"/configs/0/test_loss\""
                + " data-value=\"0.35059267578125\">0.3506</span>");
    assertThat(Html.format(0.010700496419270816, Style.SIGNIFICANT)).isEqualTo("0.01070");
    assertThat(Html.format(4.443446704101562, Style.SIGNIFICANT)).isEqualTo("4.443");
    assertThat(Html.format(0.003125, Style.EXACT)).isEqualTo("0.003125");
    assertThat(Html.format(10.0, Style.EXACT)).isEqualTo("10");
    assertThat(Html.format(17.74746, Style.SECONDS)).isEqualTo("17.7");
  }

  @Test
  void aNonFiniteNumberIsShownAsSuchWithItsReasonNeverAsZero() {
    String inf = Html.number("/p", Double.POSITIVE_INFINITY, Style.DECIMALS);
    assertThat(inf)
        .contains("data-reason=\"positive_infinity\"", ">+∞<", "class=\"num nonfinite\"")
        .doesNotContain("data-value", ">0");
    assertThat(Html.number("/p", Double.NaN, Style.SIGNIFICANT))
        .contains("data-reason=\"not_a_number\"", ">NaN<");
    assertThat(Html.number("/p", Double.NEGATIVE_INFINITY, Style.EXACT))
        .contains("data-reason=\"negative_infinity\"", ">−∞<");
  }

  @Test
  void aMissingNumberIsADashMarkedAbsent() {
    assertThat(Html.number("/configs/1/train_loss", null, Style.DECIMALS))
        .contains("data-absent=\"true\"", ">—<")
        .doesNotContain("data-value");
    assertThat(Html.integer("/steps", null)).contains("data-absent=\"true\"");
    assertThat(Html.integer("/steps", 18750L)).contains("data-value=\"18750\">18750<");
  }
}
