package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;
import static org.losslandscape.pipeline.report.Html.integer;
import static org.losslandscape.pipeline.report.Html.number;
import static org.losslandscape.pipeline.report.PageParts.cell;
import static org.losslandscape.pipeline.report.PageParts.swatch;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.ModelMeasure;
import org.losslandscape.pipeline.measures.SummaryColumn;
import org.losslandscape.pipeline.report.Html.Style;
import org.losslandscape.pipeline.report.ReportContent.RecipeContent;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.summary.MeasuresSummary;
import org.losslandscape.pipeline.summary.OverSeedsSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;

/**
 * The numbers of every recipe: training and test metrics, slice sharpness, the spread over seeds
 * and the other measures of the minimum.
 */
final class NumbersSection {

  private NumbersSection() {}

  /** The section, as the page shows it. */
  static PageSection of(ReportContent content) {
    StringBuilder h = new StringBuilder("<div class=\"table-wrap\"><table id=\"numbers-table\">");
    h.append("<thead><tr><th>recipe</th><th class=\"n\">lr</th><th class=\"n\">batch</th>")
        .append("<th>optimizer</th><th class=\"n\">steps</th><th class=\"n\">epochs</th>")
        .append("<th>status</th>")
        .append("<th class=\"n\">train loss</th><th class=\"n\">train acc</th>")
        .append("<th class=\"n\">test loss</th><th class=\"n\">test acc</th>")
        .append("<th class=\"n\">gap</th></tr></thead><tbody>\n");
    for (RecipeContent r : content.recipes()) {
      RecipeSummary c = r.summary();
      String at = "/configs/" + r.index() + "/";
      h.append("<tr>")
          .append(nameCell(r))
          .append(cell(number(at + "learning_rate", c.learningRate(), Style.EXACT)))
          .append(cell(integer(at + "batch_size", asLong(c.batchSize()))))
          .append("<td>")
          .append(escape(c.optimizer() == null ? "—" : c.optimizer()))
          .append(
              c.schedule() == null || c.schedule().equals("constant")
                  ? ""
                  : ", " + escape(c.schedule()))
          .append("</td>")
          .append(cell(integer(at + "steps", c.steps())))
          .append(cell(number(at + "epochs", c.epochs(), Style.EXACT)))
          .append("<td>")
          .append(escape(c.status() == null ? "sliced" : c.status().replace('_', ' ')))
          .append(
              c.message() == null ? "" : " <span class=\"note\">" + escape(c.message()) + "</span>")
          .append("</td>")
          .append(cell(number(at + "train_loss", c.trainLoss(), Style.DECIMALS)))
          .append(cell(number(at + "train_accuracy", c.trainAccuracy(), Style.DECIMALS)))
          .append(cell(number(at + "test_loss", c.testLoss(), Style.DECIMALS)))
          .append(cell(number(at + "test_accuracy", c.testAccuracy(), Style.DECIMALS)))
          .append(cell(number(at + "generalization_gap", c.generalizationGap(), Style.DECIMALS)))
          .append("</tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">Losses are mean cross-entropy in nats;")
        .append(" gap = test loss − train loss. NaN and ±∞ mark values that were not finite")
        .append(" (summary.json has null and a reason); a dash marks a value the run does not")
        .append(" have.</p>\n");
    sharpnessTable(content, h);
    overSeedsTable(content, h);
    measuresTable(content, h);
    return new PageSection("numbers", "The numbers", h.toString(), List.of());
  }

  private static void sharpnessTable(ReportContent content, StringBuilder h) {
    List<String> radii = SharpnessEntry.radii(content.summary().configs());
    if (radii.isEmpty()) {
      return;
    }
    h.append("<h3>Slice sharpness S(ε)</h3>\n<div class=\"table-wrap\">")
        .append("<table id=\"sharpness-table\"><thead><tr><th>recipe</th>");
    for (String eps : radii) {
      h.append("<th class=\"n\">S(").append(escape(eps)).append(")</th>");
    }
    h.append("</tr></thead><tbody>\n");
    List<String> over = new ArrayList<>();
    for (RecipeContent r : content.recipes()) {
      h.append("<tr>").append(nameCell(r));
      for (String eps : radii) {
        var entry = SharpnessEntry.of(r.summary(), r.index(), eps);
        h.append("<td class=\"n\">");
        if (entry.isEmpty()) {
          h.append("—");
        } else {
          SharpnessEntry e = entry.get();
          if (!over.contains(e.over().words())) {
            over.add(e.over().words());
          }
          h.append(number(e.pointer() + "/mean", e.mean(), Style.SIGNIFICANT));
          if (e.hasInterval()) {
            h.append("<span class=\"ci\">[")
                .append(number(e.pointer() + "/ci95_low", e.ci95Low(), Style.SIGNIFICANT))
                .append(", ")
                .append(number(e.pointer() + "/ci95_high", e.ci95High(), Style.SIGNIFICANT))
                .append("]</span>");
          } else if (e.noIntervalBecause() != null) {
            h.append("<span class=\"ci\">(")
                .append(escape(e.noIntervalBecause().replace('_', ' ')))
                .append(")</span>");
          }
        }
        h.append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">Mean and 95% interval over ")
        .append(escape(String.join(" / ", over)))
        .append("; ε in direction units, S in nats of loss increase.</p>\n");
  }

  private static String nameCell(RecipeContent r) {
    return "<td class=\"name\">" + swatch(r.index()) + escape(r.name()) + "</td>";
  }

  private static void overSeedsTable(ReportContent content, StringBuilder h) {
    if (content.recipes().stream().noneMatch(r -> r.summary().overSeeds() != null)) {
      return;
    }
    h.append("<h3>Over training seeds</h3>\n<div class=\"table-wrap\"><table><thead><tr>")
        .append("<th>recipe</th><th class=\"n\">seeds</th><th class=\"n\">train loss</th>")
        .append("<th class=\"n\">test acc</th><th class=\"n\">gap</th></tr></thead><tbody>\n");
    for (RecipeContent r : content.recipes()) {
      OverSeedsSummary o = r.summary().overSeeds();
      if (o == null) {
        continue;
      }
      String at = "/configs/" + r.index() + "/over_seeds/";
      h.append("<tr>")
          .append(nameCell(r))
          .append("<td class=\"n\">")
          .append(o.runs().size())
          .append("</td>")
          .append(cell(interval(at + "train_loss", o.trainLoss())))
          .append(cell(interval(at + "test_accuracy", o.testAccuracy())))
          .append(cell(interval(at + "generalization_gap", o.generalizationGap())))
          .append("</tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">Mean and 95% t-interval over seeds;")
        .append(" the table above shows each recipe's first seed.</p>\n");
  }

  /**
   * The measures beyond the slices ({@code --measures}), where measured: a column per column of
   * every measure of the registry that some recipe's summary has a section of.
   */
  private static void measuresTable(ReportContent content, StringBuilder h) {
    List<RecipeContent> measured =
        content.recipes().stream().filter(r -> r.summary().measures() != null).toList();
    List<ModelMeasure<?, ?>> shown =
        Measures.ALL.stream()
            .filter(m -> m.summaryType() != null && !m.columns().isEmpty())
            .filter(
                m ->
                    measured.stream()
                        .anyMatch(
                            r ->
                                r.summary()
                                    .measures()
                                    .section(m.sectionName(), m.summaryType())
                                    .isPresent()))
            .toList();
    if (shown.isEmpty()) {
      return;
    }
    h.append("<h3>Other measures of the minimum</h3>\n<div class=\"table-wrap\">")
        .append("<table id=\"measures-table\"><thead><tr><th>recipe</th>");
    for (ModelMeasure<?, ?> m : shown) {
      for (SummaryColumn<?> c : m.columns()) {
        h.append("<th class=\"n\">").append(c.heading()).append("</th>");
      }
    }
    h.append("</tr></thead><tbody>\n");
    List<String> definitions = new ArrayList<>();
    for (RecipeContent r : measured) {
      String at = "/configs/" + r.index() + "/measures/";
      h.append("<tr>").append(nameCell(r));
      for (ModelMeasure<?, ?> m : shown) {
        for (SummaryColumn.Cell c : cells(m, r.summary().measures())) {
          if (c == null) {
            h.append("<td class=\"n\">—</td>");
            continue;
          }
          String path = at + m.sectionName() + "/" + c.path();
          h.append(
              cell(
                  c instanceof SummaryColumn.IntervalCell i
                      ? interval(path, i.interval(), Style.SIGNIFICANT)
                      : number(path, ((SummaryColumn.NumberCell) c).value(), Style.SIGNIFICANT)));
          if (c.definition() != null && !definitions.contains(c.definition())) {
            definitions.add(c.definition());
          }
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">");
    h.append(
        shown.stream()
            .map(ModelMeasure::note)
            .filter(n -> !n.isEmpty())
            .collect(java.util.stream.Collectors.joining(" ")));
    for (String d : definitions) {
      h.append(" ").append(escape(d)).append(".");
    }
    h.append("</p>\n");
  }

  /** Each column's cell of {@code m} for one recipe; null where it has none. */
  private static <S extends Record> List<SummaryColumn.Cell> cells(
      ModelMeasure<?, S> m, MeasuresSummary summary) {
    List<SummaryColumn.Cell> cells = new ArrayList<>();
    S section = summary.section(m.sectionName(), m.summaryType()).orElse(null);
    for (SummaryColumn<S> c : m.columns()) {
      cells.add(section == null ? null : c.cell().apply(section).orElse(null));
    }
    return cells;
  }

  private static String interval(String at, IntervalSummary i) {
    return interval(at, i, Style.DECIMALS);
  }

  private static String interval(String at, IntervalSummary i, Style style) {
    if (i == null) {
      return "—";
    }
    String mean = number(at + "/mean", i.mean(), style);
    if (i.ci95Low() == null || i.ci95High() == null) {
      return mean;
    }
    return mean
        + " <span class=\"ci\">["
        + number(at + "/ci95_low", i.ci95Low(), style)
        + ", "
        + number(at + "/ci95_high", i.ci95High(), style)
        + "]</span>";
  }

  private static Long asLong(Integer value) {
    return value == null ? null : value.longValue();
  }
}
