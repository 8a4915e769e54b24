package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;
import static org.losslandscape.pipeline.report.Html.integer;
import static org.losslandscape.pipeline.report.Html.number;
import static org.losslandscape.pipeline.report.PageParts.swatch;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.report.Html.Style;
import org.losslandscape.pipeline.report.ReportContent.RecipeContent;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;

/** Where each recipe's loss surface and contour map are drawn, with the grid's range of losses. */
final class SurfacesSection {

  private SurfacesSection() {}

  /** The section, as the page shows it. */
  static PageSection of(ReportContent content, PageData.ZRange range) {
    StringBuilder h = new StringBuilder();
    if (range != null) {
      h.append("<p>Every surface and contour map shares one loss range and colour scale, ")
          .append(Html.format(range.min(), Style.SIGNIFICANT))
          .append(" to ")
          .append(Html.format(range.max(), Style.SIGNIFICANT))
          .append(" nats, so equal colours mean equal losses across recipes. The marker at")
          .append(" (0, 0) is the trained weights. Drag a surface to rotate it; hover for values.")
          .append("</p>\n");
    }
    List<PageSection.TocEntry> children = new ArrayList<>();
    for (RecipeContent r : content.recipes()) {
      String id = "recipe-" + r.index();
      children.add(new PageSection.TocEntry(id, r.name()));
      h.append("<h3 id=\"").append(id).append("\">").append(swatch(r.index()));
      h.append(escape(r.name())).append("</h3>\n");
      if (r.slice().isEmpty()) {
        RecipeSummary c = r.summary();
        h.append("<p class=\"note\">No slice in this folder")
            .append(c.status() == null ? "" : ": training " + escape(c.status().replace('_', ' ')))
            .append(c.message() == null ? "" : " (" + escape(c.message()) + ")")
            .append(".</p>\n");
        continue;
      }
      h.append("<div class=\"pair\"><div class=\"plot plot-surface\" id=\"surface-")
          .append(r.index())
          .append("\"></div><div class=\"plot plot-contour\" id=\"contour-")
          .append(r.index())
          .append("\"></div></div>\n");
      LandscapeSummary l = r.summary().landscape();
      if (l != null) {
        String at = "/configs/" + r.index() + "/landscape/";
        h.append("<p class=\"note\">Loss at the trained weights ")
            .append(number(at + "center_loss", l.centerLoss(), Style.DECIMALS))
            .append("; on the grid ")
            .append(number(at + "min_loss", l.minLoss(), Style.DECIMALS))
            .append(" to ")
            .append(number(at + "max_loss", l.maxLoss(), Style.DECIMALS))
            .append(" (first direction pair of ")
            .append(integer(at + "direction_pairs", (long) l.directionPairs()))
            .append(").</p>\n");
      }
    }
    return new PageSection("surfaces", "Loss surfaces", h.toString(), children);
  }
}
