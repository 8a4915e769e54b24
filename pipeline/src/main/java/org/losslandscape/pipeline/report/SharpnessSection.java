package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;
import static org.losslandscape.pipeline.report.PageParts.capitalize;

import java.util.List;
import org.losslandscape.pipeline.summary.Summary;

/** Where the slice-sharpness chart is drawn, with the definition of the measure. */
final class SharpnessSection {

  private SharpnessSection() {}

  /** The section, as the page shows it. */
  static PageSection of(ReportContent content, PageData data) {
    Summary s = content.summary();
    StringBuilder h = new StringBuilder();
    if (data.sharpness().series().isEmpty()) {
      h.append("<p class=\"note\">No recipe has a sharpness value.</p>\n");
    } else {
      h.append("<div class=\"plot plot-bars\" id=\"sharpness-chart\"></div>\n");
    }
    h.append("<p class=\"note\">")
        .append(escape(capitalize(s.sharpnessDefinition())))
        .append(". One panel per radius, each with its own y axis; error bars are 95% intervals")
        .append(" (none where a recipe has a single value).</p>\n");
    return new PageSection("sharpness", "Sharpness", h.toString(), List.of());
  }
}
