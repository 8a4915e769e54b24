package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void fillsEveryPlaceholderAndLeavesTheValuesAlone() {
    String page =
        Template.fill(
            "<p>{{a}} and {{b}}</p>{{a}}",
            Map.of("a", "x{{b}}$1\\", "b", "<script>{{a}}</script>"));
    // A value that looks like a placeholder (plotly.js could contain anything) stays as it is.
    assertThat(page).isEqualTo("<p>x{{b}}$1\\ and <script>{{a}}</script></p>x{{b}}$1\\");
  }

  @Test
  void anUnknownPlaceholderIsAnError() {
    assertThatThrownBy(() -> Template.fill("{{missing}}", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{{missing}}");
  }
}
