package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;

import java.util.Locale;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.Summary;

/** Small pieces of HTML and look-ups that several sections of the page share. */
final class PageParts {

  private PageParts() {}

  /** One term and its description in a facts list. */
  static void fact(StringBuilder h, String term, String html) {
    h.append("<dt>").append(escape(term)).append("</dt><dd>").append(html).append("</dd>");
  }

  /** A numeric table cell. */
  static String cell(String html) {
    return "<td class=\"n\">" + html + "</td>";
  }

  /** The colour swatch of recipe {@code index}, as the plots colour it. */
  static String swatch(int index) {
    return "<span class=\"swatch\" style=\"background:" + PageData.colour(index) + "\"></span>";
  }

  /** The slice settings of the first recipe that has a slice, or null. */
  static LandscapeSummary firstLandscape(Summary s) {
    int i = firstLandscapeIndex(s);
    return i < 0 ? null : s.configs().get(i).landscape();
  }

  /** The index of the first recipe with a slice, or -1. */
  static int firstLandscapeIndex(Summary s) {
    for (int i = 0; i < s.configs().size(); i++) {
      if (s.configs().get(i).landscape() != null) {
        return i;
      }
    }
    return -1;
  }

  /** {@code text} with its first letter upper-case; empty for null. */
  static String capitalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
