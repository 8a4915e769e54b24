package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The study's PNG figures: embedded while the page stays within its budget, else linked. */
final class FiguresSection {

  private FiguresSection() {}

  /** The section, as the page shows it. */
  static PageSection of(ReportContent content, List<EmbeddedFigure> embedded) {
    StringBuilder h = new StringBuilder();
    List<PageSection.TocEntry> children = new ArrayList<>();
    Path dir = content.folder().directory();
    if (content.figures().isEmpty()) {
      h.append("<p class=\"note\">No other figures in this folder.</p>\n");
    }
    for (int k = 0; k < content.figures().size(); k++) {
      EmbeddedFigure f = content.figures().get(k);
      String id = "figure-" + k;
      if (embedded.contains(f)) {
        children.add(new PageSection.TocEntry(id, f.title()));
        h.append("<figure id=\"")
            .append(id)
            .append("\"><img alt=\"")
            .append(escape(f.title()))
            .append("\" src=\"")
            .append(f.dataUri(dir))
            .append("\"><figcaption>")
            .append(escape(f.title()))
            .append(" (<code>")
            .append(escape(f.file()))
            .append("</code>)</figcaption></figure>\n");
      } else {
        h.append("<p class=\"note\" id=\"")
            .append(id)
            .append("\"><a href=\"")
            .append(escape(f.file()))
            .append("\">")
            .append(escape(f.file()))
            .append("</a> is not embedded: it would take the page over ")
            .append(ReportPage.BUDGET_BYTES / (1024 * 1024))
            .append(" MB. It sits next to this page.</p>\n");
      }
    }
    return new PageSection("figures", "Other figures", h.toString(), children);
  }
}
