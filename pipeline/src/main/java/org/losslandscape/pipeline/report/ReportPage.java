package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;
import static org.losslandscape.pipeline.report.Html.integer;
import static org.losslandscape.pipeline.report.Html.number;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslandscape.pipeline.report.Html.Style;
import org.losslandscape.pipeline.report.ReportContent.RecipeContent;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.DataFile;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.MeasuresSummary;
import org.losslandscape.pipeline.summary.OverSeedsSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;
import org.losslandscape.pipeline.summary.Summary;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.GapPrediction;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.SupportedOrdering;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * Renders {@code report.html}: a small HTML template ({@code page.html}, {@code page.css}, {@code
 * page.js} beside this class) filled with the sections written here, the page data as JSON, and the
 * vendored plotly.js. Every number shown comes from summary.json and carries the JSON pointer of
 * its field.
 */
public final class ReportPage {

  /** The largest page the default study may produce (the task's budget). */
  public static final long BUDGET_BYTES = 8L * 1024 * 1024;

  private ReportPage() {}

  /** One section of the page and its entry in the table of contents. */
  private record Section(String id, String title, String html, List<TocEntry> children) {}

  /** A link in the table of contents. */
  private record TocEntry(String id, String title) {}

  /**
   * The page of {@code content}. PNG figures are embedded in order while the page stays within
   * {@link #BUDGET_BYTES}; any that would not fit are linked instead (they sit next to the page).
   */
  public static String render(ReportContent content) {
    List<EmbeddedFigure> embedded = new ArrayList<>();
    long size = utf8Length(page(content, List.of()));
    for (EmbeddedFigure f : content.figures()) {
      if (size + f.pageCharacters() + 1024 <= BUDGET_BYTES) {
        embedded.add(f);
        size += f.pageCharacters() + 1024;
      }
    }
    return page(content, embedded);
  }

  private static String page(ReportContent content, List<EmbeddedFigure> embedded) {
    Summary s = content.summary();
    PageData data = PageData.of(content);
    List<Section> sections = new ArrayList<>();
    sections.add(verdictSection(content));
    if (content.folder().protocolIndex()) {
      sections.add(protocolsSection(content));
    } else {
      sections.add(numbersSection(content));
      sections.add(surfacesSection(content, data.zRange()));
      sections.add(sharpnessSection(content, data));
      sections.add(trainingSection(content));
    }
    sections.add(figuresSection(content, embedded));
    sections.add(settingsSection(s));
    sections.add(provenanceSection(s));

    StringBuilder toc = new StringBuilder("<ol>\n");
    StringBuilder body = new StringBuilder();
    for (Section section : sections) {
      toc.append("<li><a href=\"#")
          .append(section.id())
          .append("\">")
          .append(escape(section.title()))
          .append("</a>");
      if (!section.children().isEmpty()) {
        toc.append("<ol>");
        for (TocEntry child : section.children()) {
          toc.append("<li><a href=\"#")
              .append(child.id())
              .append("\">")
              .append(escape(child.title()))
              .append("</a></li>");
        }
        toc.append("</ol>");
      }
      toc.append("</li>\n");
      body.append("<section id=\"")
          .append(section.id())
          .append("\">\n<h2>")
          .append(escape(section.title()))
          .append("</h2>\n")
          .append(section.html())
          .append("</section>\n");
    }
    toc.append("</ol>");

    Map<String, String> values = new LinkedHashMap<>();
    values.put("title", escape(title(s)));
    values.put("lede", lede(content));
    values.put("toc", toc.toString());
    values.put("sections", body.toString());
    values.put("css", resource("page.css"));
    values.put("data", scriptSafeJson(data));
    // A page without plots (a multi-protocol index) does without the 4.8 MB of plotly.js.
    values.put("credits", credits(s, data.hasPlots()));
    values.put("plotly", data.hasPlots() ? plotlyScript() : "");
    values.put("script", resource("page.js"));
    return Template.fill(resource("page.html"), values);
  }

  private static String credits(Summary s, boolean plots) {
    return "Written by loss-landscape "
        + escape(s.version())
        + (plots
            ? "; plots drawn with plotly.js "
                + PlotlyBundle.VERSION
                + " (MIT licence, inlined below)."
            : ".");
  }

  /** plotly.js in a script element, after its licence (in a comment, which may not hold "--"). */
  private static String plotlyScript() {
    return "<!--\nplotly.js "
        + PlotlyBundle.VERSION
        + ", from the npm package plotly.js-dist-min:\n"
        + escape(PlotlyBundle.licence()).replace("--", "- -")
        + "\n-->\n<script>\n"
        + PlotlyBundle.script()
        + "\n</script>";
  }

  private static String title(Summary s) {
    if (s.protocols() != null && !s.protocols().isEmpty()) {
      return "Loss-landscape study under " + s.protocols().size() + " training protocols";
    }
    return s.weights() != null
        ? "Loss landscape of " + s.configs().get(0).name()
        : "Loss-landscape study: " + s.configs().size() + " recipes";
  }

  private static String lede(ReportContent content) {
    Summary s = content.summary();
    StringBuilder p = new StringBuilder("<p class=\"lede\">");
    if (content.folder().protocolIndex()) {
      p.append("The same recipes trained under each protocol, each a complete study with its own")
          .append(" page; below, the verdict across them.");
    } else if (s.weights() != null) {
      p.append("Weights from <code>").append(escape(s.weights())).append("</code>, ");
    } else {
      p.append(escape(String.join(", ", content.recipes().stream().map(r -> r.name()).toList())))
          .append(s.training() == null ? "" : ", trained for " + s.training().budgetDescription())
          .append(s.seeds() != null && s.seeds() > 1 ? " with " + s.seeds() + " seeds each" : "")
          .append("; ");
    }
    LandscapeSummary l = firstLandscape(s);
    if (l != null) {
      p.append(
          escape(
              String.format(
                  Locale.ROOT,
                  "sliced on a %d×%d grid along %s-normalized directions, %d %s samples per point",
                  l.gridSize(),
                  l.gridSize(),
                  l.normalization(),
                  l.samples(),
                  l.split())));
    }
    p.append(". Architecture ")
        .append(escape(s.model().architecture()))
        .append(", device ")
        .append(escape(s.device()))
        .append(".</p>\n<p id=\"render-status\">Drawing the plots…</p>");
    return p.toString();
  }

  // ---- verdict ----

  private static Section verdictSection(ReportContent content) {
    Verdict v = content.summary().verdict();
    StringBuilder h = new StringBuilder();
    if (v == null) {
      h.append(
          "<p class=\"note\">This folder has no verdict: it holds one sliced model (the"
              + " <code>landscape</code> command), and the claims compare recipes.</p>\n");
      return new Section("verdict", "Verdict", h.toString(), List.of());
    }
    h.append("<p>")
        .append(escape(capitalize(v.rule())))
        .append(". Significance level ")
        .append(number("/verdict/alpha", v.alpha(), Style.EXACT))
        .append(", after Holm's correction over ")
        .append(integer("/verdict/family/tests", (long) v.family().tests()))
        .append(" tests: ")
        .append(escape(v.family().description()))
        .append(".</p>\n");
    h.append("<div class=\"table-wrap\"><table><thead><tr><th>claim</th>")
        .append("<th class=\"n\">supported</th><th class=\"n\">contradicted</th>")
        .append("<th class=\"n\">not resolved</th><th class=\"n\">not testable</th>")
        .append("<th class=\"n\">not applicable</th></tr></thead><tbody>\n");
    for (int k = 0; k < v.claims().size(); k++) {
      ClaimTally t = v.claims().get(k);
      String at = "/verdict/claims/" + k + "/";
      h.append("<tr><td>")
          .append(escape(capitalize(t.statement())))
          .append("</td>")
          .append(cell(integer(at + "supported", (long) t.supported())))
          .append(cell(integer(at + "contradicted", (long) t.contradicted())))
          .append(cell(integer(at + "not_resolved", (long) t.notResolved())))
          .append(cell(integer(at + "not_testable", (long) t.notTestable())))
          .append(cell(integer(at + "not_applicable", (long) t.notApplicable())))
          .append("</tr>\n");
    }
    h.append(
        "</tbody></table></div>\n<p class=\"note\">Counts are cells: (measure, protocol) for"
            + " claims 1-2, (measure, gap, protocol) for claim 3.</p>\n");

    for (int p = 0; p < v.protocols().size(); p++) {
      ProtocolVerdict protocol = v.protocols().get(p);
      String at = "/verdict/protocols/" + p;
      h.append("<h3>Protocol: ")
          .append(escape(protocol.protocol()))
          .append(" (")
          .append(escape(protocol.budget()))
          .append(")</h3>\n");
      // One row per cell: long with many measures, so it folds away.
      h.append("<details><summary>Each cell: outcome, p before and after the correction, and")
          .append(" evidence (")
          .append(protocol.claims().size())
          .append(" cells)</summary>\n")
          .append("<div class=\"table-wrap\"><table><thead><tr><th>claim</th><th>measure</th>")
          .append("<th>gap</th><th>outcome</th><th class=\"n\">p</th>")
          .append("<th class=\"n\">Holm p</th><th>evidence</th></tr></thead><tbody>\n");
      for (int c = 0; c < protocol.claims().size(); c++) {
        ClaimVerdict claim = protocol.claims().get(c);
        String cAt = at + "/claims/" + c;
        h.append("<tr><td>")
            .append(escape(capitalize(claim.claim().statement())))
            .append("</td><td>")
            .append(escape(claim.measure()))
            .append("</td><td>")
            .append(claim.gap() == null ? "" : escape(claim.gap().description()))
            .append("</td><td class=\"outcome-")
            .append(claim.outcome().label())
            .append("\">")
            .append(escape(claim.outcome().label().replace('_', ' ')))
            .append("</td>")
            .append(
                cell(
                    claim.pValue() == null
                        ? "—"
                        : number(cAt + "/p_value", claim.pValue(), Style.SIGNIFICANT)))
            .append(
                cell(
                    claim.holmPValue() == null
                        ? "—"
                        : number(cAt + "/holm_p_value", claim.holmPValue(), Style.SIGNIFICANT)))
            .append("<td>")
            .append(escape(claim.evidence()))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table></div></details>\n");
      h.append("<div class=\"table-wrap\"><table><thead><tr><th>measure</th><th>gap</th>")
          .append("<th class=\"n\">settings</th><th class=\"n\">Kendall τ over settings</th>")
          .append("<th>95% seed-bootstrap interval</th><th class=\"n\">p</th>")
          .append("<th class=\"n\">Ψ</th><th class=\"n\">CMI</th>")
          .append("<th class=\"n\">sign-error mean / worst</th>")
          .append("<th>orderings significant after Holm (flatter &lt; sharper)</th>")
          .append("</tr></thead><tbody>\n");
      for (int m = 0; m < protocol.measures().size(); m++) {
        MeasureVerdict measure = protocol.measures().get(m);
        for (int g = 0; g < measure.predictions().size(); g++) {
          GapPrediction pred = measure.predictions().get(g);
          String gAt = at + "/measures/" + m + "/predictions/" + g;
          h.append("<tr><td>")
              .append(g == 0 ? escape(measure.label()) : "")
              .append("</td><td>")
              .append(escape(pred.gap().description()))
              .append("</td>")
              .append(cell(integer(gAt + "/settings", (long) pred.settings())))
              .append(cell(optional(gAt + "/tau", pred.tau(), Style.DECIMALS)))
              .append("<td class=\"ci\">")
              .append(
                  pred.tau() == null
                      ? ""
                      : "["
                          + number(gAt + "/tau_low", pred.tauLow(), Style.DECIMALS)
                          + ", "
                          + number(gAt + "/tau_high", pred.tauHigh(), Style.DECIMALS)
                          + "]")
              .append("</td>")
              .append(
                  cell(
                      pred.testable()
                          ? optional(gAt + "/p_value", pred.pValue(), Style.SIGNIFICANT)
                          : "<span class=\"note\">not testable (smallest p "
                              + optional(gAt + "/smallest_p", pred.smallestP(), Style.SIGNIFICANT)
                              + ")</span>"))
              .append(cell(optional(gAt + "/psi_overall", pred.psiOverall(), Style.DECIMALS)))
              .append(cell(optional(gAt + "/cmi", pred.cmi(), Style.SIGNIFICANT)))
              .append(
                  cell(
                      pred.signError().environments() == 0
                          ? "—"
                          : optional(
                                  gAt + "/sign_error/mean", pred.signError().mean(), Style.DECIMALS)
                              + " / "
                              + optional(
                                  gAt + "/sign_error/worst",
                                  pred.signError().worst(),
                                  Style.DECIMALS)))
              .append("<td>")
              .append(g == 0 ? orderings(measure.supported()) : "")
              .append("</td></tr>\n");
        }
      }
      h.append("</tbody></table></div>\n");
    }
    content
        .verdictMarkdown()
        .ifPresent(
            md ->
                h.append("<details><summary>VERDICT.md, as the study wrote it</summary>\n<pre>")
                    .append(escape(md))
                    .append("</pre></details>\n"));
    return new Section("verdict", "Verdict", h.toString(), List.of());
  }

  /** A number from the summary, or a dash when it has none. */
  private static String optional(String at, Double value, Style style) {
    return value == null ? "—" : number(at, value, style);
  }

  private static String orderings(List<SupportedOrdering> supported) {
    if (supported.isEmpty()) {
      return "<span class=\"note\">none</span>";
    }
    List<String> parts = new ArrayList<>();
    for (SupportedOrdering o : supported) {
      parts.add(escape(o.flatter()) + " &lt; " + escape(o.sharper()));
    }
    return String.join("; ", parts);
  }

  // ---- a multi-protocol study's index ----

  private static Section protocolsSection(ReportContent content) {
    Summary s = content.summary();
    StringBuilder h = new StringBuilder("<div class=\"table-wrap\"><table id=\"protocols-table\">");
    h.append("<thead><tr><th>protocol</th><th>budget</th><th>its page</th><th>its summary</th>")
        .append("</tr></thead><tbody>\n");
    List<TocEntry> children = new ArrayList<>();
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
    return new Section("protocols", "Protocols", h.toString(), children);
  }

  private static String link(String relative) {
    return "<a href=\"" + escape(relative) + "\">" + escape(relative) + "</a>";
  }

  // ---- the numbers ----

  private static Section numbersSection(ReportContent content) {
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
    return new Section("numbers", "The numbers", h.toString(), List.of());
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

  /** Curvature and worst- and average-case sharpness ({@code --measures}), where measured. */
  private static void measuresTable(ReportContent content, StringBuilder h) {
    List<RecipeContent> measured =
        content.recipes().stream().filter(r -> r.summary().measures() != null).toList();
    if (measured.isEmpty()) {
      return;
    }
    h.append("<h3>Other measures of the minimum</h3>\n<div class=\"table-wrap\">")
        .append("<table id=\"measures-table\"><thead><tr><th>recipe</th>")
        .append("<th class=\"n\">λ<sub>max</sub></th><th class=\"n\">Hessian trace</th>")
        .append("<th class=\"n\">lr·λ<sub>max</sub>/2</th><th class=\"n\">SAM</th>")
        .append("<th class=\"n\">ASAM</th><th class=\"n\">Keskar φ</th>")
        .append("<th class=\"n\">average-case</th><th class=\"n\">average-case, |w|-scaled</th>")
        .append("</tr></thead><tbody>\n");
    List<String> definitions = new ArrayList<>();
    for (RecipeContent r : measured) {
      MeasuresSummary m = r.summary().measures();
      String at = "/configs/" + r.index() + "/measures/";
      h.append("<tr>").append(nameCell(r));
      MeasuresSummary.Hessian hessian = m.hessian();
      if (hessian == null) {
        h.append("<td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td>");
      } else {
        h.append(
                cell(
                    hessian.topEigenvalues().isEmpty()
                        ? "—"
                        : number(
                            at + "hessian/top_eigenvalues/0/value",
                            hessian.topEigenvalues().get(0).value(),
                            Style.SIGNIFICANT)))
            .append(cell(interval(at + "hessian/trace", hessian.trace(), Style.SIGNIFICANT)))
            .append(
                cell(
                    number(
                        at + "hessian/edge_of_stability",
                        hessian.edgeOfStability(),
                        Style.SIGNIFICANT)));
      }
      MeasuresSummary.WorstCase worst = m.worstCase();
      for (String kind : new String[] {"sam", "asam", "keskar"}) {
        MeasuresSummary.Ascent a =
            worst == null
                ? null
                : switch (kind) {
                  case "sam" -> worst.sam();
                  case "asam" -> worst.asam();
                  default -> worst.keskar();
                };
        if (a == null) {
          h.append("<td class=\"n\">—</td>");
        } else {
          h.append(
              cell(number(at + "worst_case/" + kind + "/value", a.value(), Style.SIGNIFICANT)));
          addDefinition(
              definitions,
              switch (kind) {
                case "sam" -> "SAM";
                case "asam" -> "ASAM";
                default -> "Keskar";
              },
              a.definition());
        }
      }
      MeasuresSummary.AverageCase average = m.averageCase();
      for (String kind : new String[] {"isotropic", "element_scaled"}) {
        MeasuresSummary.MonteCarlo c =
            average == null
                ? null
                : kind.equals("isotropic") ? average.isotropic() : average.elementScaled();
        if (c == null) {
          h.append("<td class=\"n\">—</td>");
        } else {
          h.append(
              cell(
                  interval(
                      at + "average_case/" + kind + "/increase", c.increase(), Style.SIGNIFICANT)));
          addDefinition(
              definitions, "average-case (" + kind.replace('_', ' ') + ")", c.definition());
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">λ<sub>max</sub>: the Hessian's largest")
        .append(" eigenvalue; gradient descent cannot stay where lr·λ<sub>max</sub>/2 exceeds 1.")
        .append(" Worst- and average-case values are loss increases (Keskar's φ in percent).");
    for (String d : definitions) {
      h.append(" ").append(escape(d)).append(".");
    }
    h.append("</p>\n");
  }

  private static void addDefinition(List<String> definitions, String name, String definition) {
    String line = name + ": " + definition;
    if (definition != null && !definitions.contains(line)) {
      definitions.add(line);
    }
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

  // ---- the plots ----

  private static Section surfacesSection(ReportContent content, PageData.ZRange range) {
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
    List<TocEntry> children = new ArrayList<>();
    for (RecipeContent r : content.recipes()) {
      String id = "recipe-" + r.index();
      children.add(new TocEntry(id, r.name()));
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
    return new Section("surfaces", "Loss surfaces", h.toString(), children);
  }

  private static Section sharpnessSection(ReportContent content, PageData data) {
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
    return new Section("sharpness", "Sharpness", h.toString(), List.of());
  }

  private static Section trainingSection(ReportContent content) {
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
    return new Section("training", "Training curves", h.toString(), List.of());
  }

  private static Section figuresSection(ReportContent content, List<EmbeddedFigure> embedded) {
    StringBuilder h = new StringBuilder();
    List<TocEntry> children = new ArrayList<>();
    Path dir = content.folder().directory();
    if (content.figures().isEmpty()) {
      h.append("<p class=\"note\">No other figures in this folder.</p>\n");
    }
    for (int k = 0; k < content.figures().size(); k++) {
      EmbeddedFigure f = content.figures().get(k);
      String id = "figure-" + k;
      if (embedded.contains(f)) {
        children.add(new TocEntry(id, f.title()));
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
            .append(BUDGET_BYTES / (1024 * 1024))
            .append(" MB. It sits next to this page.</p>\n");
      }
    }
    return new Section("figures", "Other figures", h.toString(), children);
  }

  // ---- settings and provenance ----

  private static Section settingsSection(Summary s) {
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
    return new Section("settings", "Settings", h.toString(), List.of());
  }

  private static Section provenanceSection(Summary s) {
    StringBuilder h = new StringBuilder("<dl class=\"facts\">");
    fact(h, "tool", escape(s.tool() + " " + s.version()));
    fact(
        h,
        "TensorFlow",
        escape(s.tensorflowVersion() + " (TensorFlow Java " + s.tensorflowJavaVersion() + ")"));
    fact(
        h,
        "device",
        escape(s.device())
            + " <span class=\"note\">("
            + escape(s.deviceReason())
            + "; asked for "
            + escape(s.deviceRequested())
            + (s.deviceFellBack() ? ", fell back to the CPU" : "")
            + ")</span>");
    if (s.threads() != null) {
      fact(
          h,
          "threads",
          integer("/threads/intra_op", (long) s.threads().intraOp())
              + " intra-op, "
              + integer("/threads/inter_op", (long) s.threads().interOp())
              + " inter-op");
    }
    if (s.weights() != null) {
      fact(h, "weights", "<code>" + escape(s.weights()) + "</code>");
    }
    if (s.data() != null) {
      fact(h, "data", escape(s.data().source()));
      fact(
          h,
          "examples",
          integer("/data/train_samples", (long) s.data().trainSamples())
              + " training, "
              + integer("/data/test_samples", (long) s.data().testSamples())
              + " test");
      fact(h, "data SHA-256", "<code>" + escape(s.data().sha256()) + "</code>");
    }
    if (s.preprocessing() != null) {
      fact(
          h,
          "preprocessing",
          escape(s.preprocessing().formula())
              + ", mean "
              + number("/preprocessing/mean", s.preprocessing().mean(), Style.EXACT)
              + ", std "
              + number("/preprocessing/std", s.preprocessing().std(), Style.EXACT));
    }
    h.append("</dl>\n");
    if (s.data() != null && s.data().files() != null && !s.data().files().isEmpty()) {
      h.append("<h3>Data files</h3>\n<div class=\"table-wrap\"><table><thead><tr><th>file</th>")
          .append("<th class=\"n\">bytes</th><th>SHA-256</th></tr></thead><tbody>\n");
      for (int k = 0; k < s.data().files().size(); k++) {
        DataFile f = s.data().files().get(k);
        h.append("<tr><td>")
            .append(escape(f.name()))
            .append("</td>")
            .append(cell(integer("/data/files/" + k + "/bytes", f.bytes())))
            .append("<td><code>")
            .append(escape(f.sha256()))
            .append("</code></td></tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    if (s.timingsSeconds() != null && !s.timingsSeconds().isEmpty()) {
      h.append("<h3>Time per stage</h3>\n<div class=\"table-wrap\"><table><thead><tr>")
          .append("<th>stage</th><th class=\"n\">seconds</th></tr></thead><tbody>\n");
      for (Map.Entry<String, Double> t : s.timingsSeconds().entrySet()) {
        h.append("<tr><td>")
            .append(escape(t.getKey()))
            .append("</td>")
            .append(
                cell(
                    number(
                        "/timings_seconds/" + Pointers.escape(t.getKey()),
                        t.getValue(),
                        Style.SECONDS)))
            .append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    return new Section("provenance", "Provenance", h.toString(), List.of());
  }

  // ---- small pieces ----

  private static void fact(StringBuilder h, String term, String html) {
    h.append("<dt>").append(escape(term)).append("</dt><dd>").append(html).append("</dd>");
  }

  private static String cell(String html) {
    return "<td class=\"n\">" + html + "</td>";
  }

  private static String swatch(int index) {
    return "<span class=\"swatch\" style=\"background:" + PageData.colour(index) + "\"></span>";
  }

  private static Long asLong(Integer value) {
    return value == null ? null : value.longValue();
  }

  private static LandscapeSummary firstLandscape(Summary s) {
    int i = firstLandscapeIndex(s);
    return i < 0 ? null : s.configs().get(i).landscape();
  }

  private static int firstLandscapeIndex(Summary s) {
    for (int i = 0; i < s.configs().size(); i++) {
      if (s.configs().get(i).landscape() != null) {
        return i;
      }
    }
    return -1;
  }

  private static String capitalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }

  /**
   * The page data as JSON that is safe inside a {@code <script>} element: {@code </} could end the
   * element early, so it is written {@code <\/} (the same string to a JSON parser).
   */
  static String scriptSafeJson(Object value) {
    return Json.text(value).replace("</", "<\\/");
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
