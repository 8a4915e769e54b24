package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.summary.Summary;

/** A multi-protocol study's index: each protocol with links to its own page and summary. */
final class ProtocolsSection {

  private ProtocolsSection() {}

  /** The section, as the page shows it. */
  static PageSection of(ReportContent content) {
    Summary s = content.summary();
    StringBuilder h = new StringBuilder("<div class=\"table-wrap\"><table id=\"protocols-table\">");
    h.append("<thead><tr><th>protocol</th><th>budget</th><th>its page</th><th>its summary</th>")
        .append("</tr></thead><tbody>\n");
    List<PageSection.TocEntry> children = new ArrayList<>();
    for (Summary.ProtocolEntry p : s.protocols()) {
      String folder = p.folder();
      boolean page =
          Files.isRegularFile(
              content.folder().directory().resolve(folder).resolve(HtmlReport.FILE));
      h.append("<tr><td>")
          .append(escape(p.name()))
          .append("</td><td>")
          .append(escape(p.budget()))
          .append("</td><td>")
          .append(
              page
                  ? link(folder + "/" + HtmlReport.FILE)
                  : "<span class=\"note\">none yet: run <code>loss-landscape report --results "
                      + escape(folder)
                      + "</code></span>")
          .append("</td><td>")
          .append(link(folder + "/" + ResultsFolder.SUMMARY))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">Each protocol's page has its recipes'")
        .append(" numbers, loss surfaces, sharpness and training curves. Links are relative: keep")
        .append(" the folders together.</p>\n");
    return new PageSection("protocols", "Protocols", h.toString(), children);
  }

  private static String link(String relative) {
    return "<a href=\"" + escape(relative) + "\">" + escape(relative) + "</a>";
  }
}
