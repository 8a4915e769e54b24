package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;
import static org.losslandscape.pipeline.report.Html.integer;
import static org.losslandscape.pipeline.report.Html.number;
import static org.losslandscape.pipeline.report.PageParts.fact;
import static org.losslandscape.pipeline.report.PageParts.firstLandscape;
import static org.losslandscape.pipeline.report.PageParts.firstLandscapeIndex;

import java.util.List;
import org.losslandscape.pipeline.report.Html.Style;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.Summary;

/** The settings the numbers were produced with: network, training and slices. */
final class SettingsSection {

  private SettingsSection() {}

  /** The section, as the page shows it. */
  static PageSection of(Summary s) {
    StringBuilder h = new StringBuilder("<h3>Network</h3>\n<dl class=\"facts\">");
    fact(h, "architecture", escape(s.model().architecture()));
    fact(h, "activation", escape(s.model().activation()));
    if (s.model().initialization() != null) {
      fact(h, "initialization", escape(s.model().initialization()));
    }
    fact(h, "parameters", integer("/model/parameters", s.model().parameters()));
    h.append("</dl>\n");
    if (s.training() != null) {
      h.append("<h3>Training</h3>\n<dl class=\"facts\">");
      fact(h, "optimizer", escape(s.training().optimizer()));
      fact(h, "momentum", number("/training/momentum", s.training().momentum(), Style.EXACT));
      fact(h, "learning-rate schedule", escape(s.training().schedule()));
      fact(h, "budget", escape(s.training().budgetDescription()));
      if (s.seeds() != null) {
        fact(h, "seeds per recipe", integer("/seeds", s.seeds().longValue()));
      }
      if (s.seed() != null) {
        fact(h, "first seed", integer("/seed", s.seed()));
      }
      h.append("</dl>\n");
    }
    LandscapeSummary l = firstLandscape(s);
    if (l != null) {
      String at = "/configs/" + firstLandscapeIndex(s) + "/landscape/";
      h.append("<h3>Slices</h3>\n<dl class=\"facts\">");
      fact(h, "grid", integer(at + "grid_size", (long) l.gridSize()) + " points per axis");
      fact(
          h,
          "range",
          number(at + "range/0", l.range().get(0), Style.EXACT)
              + " to "
              + number(at + "range/1", l.range().get(1), Style.EXACT)
              + " direction units on both axes");
      fact(h, "normalization", escape(l.normalization()));
      fact(h, "biases perturbed", l.includeBias() ? "yes" : "no");
      fact(
          h, "evaluated on", integer(at + "samples", (long) l.samples()) + " " + escape(l.split()));
      if (l.requestedSamples() != null) {
        fact(
            h, "samples asked for", integer(at + "requested_samples", (long) l.requestedSamples()));
      }
      fact(h, "direction seed", integer(at + "direction_seed", l.directionSeed()));
      fact(h, "direction pairs", integer(at + "direction_pairs", (long) l.directionPairs()));
      fact(h, "sharpness radii", escape(String.join(", ", SharpnessEntry.radii(s.configs()))));
      h.append("</dl>\n");
    }
    return new PageSection("settings", "Settings", h.toString(), List.of());
  }
}
