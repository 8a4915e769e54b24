package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;
import static org.losslandscape.pipeline.report.Html.integer;
import static org.losslandscape.pipeline.report.Html.number;
import static org.losslandscape.pipeline.report.PageParts.capitalize;
import static org.losslandscape.pipeline.report.PageParts.cell;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.report.Html.Style;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.GapPrediction;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.SupportedOrdering;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/** The page's verdict: the claims' tallies, each protocol's cells and predictions, VERDICT.md. */
final class VerdictSection {

  private VerdictSection() {}

  /** The section, as the page shows it. */
  static PageSection of(ReportContent content) {
    Verdict v = content.summary().verdict();
    StringBuilder h = new StringBuilder();
    if (v == null) {
      h.append(
          "<p class=\"note\">This folder has no verdict: it holds one sliced model (the"
              + " <code>landscape</code> command), and the claims compare recipes.</p>\n");
      return new PageSection("verdict", "Verdict", h.toString(), List.of());
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
    return new PageSection("verdict", "Verdict", h.toString(), List.of());
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
}
