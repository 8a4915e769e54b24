package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;

import java.util.List;

/** Where the training curves are drawn, and which recipes have none. */
final class TrainingSection {

  private TrainingSection() {}

  /** The section, as the page shows it. */
  static PageSection of(ReportContent content) {
    StringBuilder h = new StringBuilder();
    if (content.recipes().stream().anyMatch(r -> r.curve().isPresent())) {
      h.append("<div class=\"plot plot-lines\" id=\"training-curves\"></div>\n");
      h.append("<p class=\"note\">From each recipe's <code>training.csv</code> (first seed):")
          .append(" the full training set evaluated after every epoch.</p>\n");
    }
    List<String> missing =
        content.recipes().stream().filter(r -> r.curve().isEmpty()).map(r -> r.name()).toList();
    if (!missing.isEmpty()) {
      h.append("<p class=\"note\">No <code>training.csv</code> for ")
          .append(escape(String.join(", ", missing)))
          .append(content.summary().weights() != null ? " (weights trained elsewhere)" : "")
          .append(".</p>\n");
    }
    return new PageSection("training", "Training curves", h.toString(), List.of());
  }
}
