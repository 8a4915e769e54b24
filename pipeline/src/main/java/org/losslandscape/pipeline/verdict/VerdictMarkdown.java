package org.losslandscape.pipeline.verdict;

import java.util.List;
import java.util.Locale;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeOutcome;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeValues;
import org.losslandscape.pipeline.verdict.VerdictRecords.SupportedOrdering;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/** Renders a verdict as {@code VERDICT.md}: the claims first, then the numbers behind them. */
public final class VerdictMarkdown {

  private VerdictMarkdown() {}

  /**
   * The document.
   *
   * @param verdict the verdict
   * @param command the command that produced it, quoted at the top
   * @param seeds training seeds per recipe
   */
  public static String render(Verdict verdict, String command, int seeds) {
    StringBuilder md = new StringBuilder();
    md.append("# Verdict\n\n");
    md.append("Written by loss-landscape from its own numbers (")
        .append(seeds)
        .append(seeds == 1 ? " training seed" : " training seeds")
        .append(" per recipe). Command:\n\n```\n")
        .append(command)
        .append("\n```\n\n");
    md.append("Rule: ").append(verdict.rule()).append(".\n\n");
    if (seeds < 2) {
      md.append(
          "**With one seed per recipe no claim can be resolved**: the tests compare recipes over"
              + " training seeds. Run with `--seeds 5` or more.\n\n");
    }

    md.append("## The claims\n\n");
    md.append("| claim | supported | contradicted | not resolved | not applicable |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (ClaimTally t : verdict.claims()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d |%n",
              cell(t.statement()),
              t.supported(),
              t.contradicted(),
              t.notResolved(),
              t.notApplicable()));
    }
    md.append("\nCounts are (measure, protocol) cells. Per cell:\n\n");
    for (ClaimTally t : verdict.claims()) {
      md.append("### ").append(capitalize(t.statement())).append("\n\n");
      md.append("| protocol | measure | outcome | evidence |\n|---|---|---|---|\n");
      for (ProtocolVerdict p : verdict.protocols()) {
        for (ClaimVerdict c : p.claims()) {
          if (c.claim() == t.claim()) {
            md.append("| ")
                .append(cell(p.budget()))
                .append(" | ")
                .append(cell(labelOf(p, c.measure())))
                .append(" | **")
                .append(c.outcome().label().replace('_', ' '))
                .append("** | ")
                .append(cell(c.evidence()))
                .append(" |\n");
          }
        }
      }
      md.append('\n');
    }

    for (ProtocolVerdict p : verdict.protocols()) {
      md.append("## Protocol: ")
          .append(p.protocol())
          .append(" (")
          .append(p.budget())
          .append(")\n\n");
      md.append("| recipe | runs | train loss reached | test accuracy | gap |\n");
      md.append("|---|---:|---:|---:|---:|\n");
      for (RecipeOutcome r : p.recipes()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.4f | %.4f | %.4f |%n",
                cell(r.recipe()),
                r.runs(),
                r.trainLoss(),
                r.testAccuracy(),
                r.generalizationGap()));
      }
      md.append('\n');
      for (MeasureVerdict m : p.measures()) {
        md.append("**").append(m.label()).append("** — ").append(m.definition()).append(".\n\n");
        md.append("| recipe | mean | 95% interval | n |\n|---|---:|---|---:|\n");
        for (RecipeValues v : m.recipes()) {
          md.append("| ")
              .append(cell(v.recipe()))
              .append(" | ")
              .append(VerdictAnalysis.number(v.mean()))
              .append(" | ")
              .append(
                  v.ci95Low() == null
                      ? "none"
                      : "["
                          + VerdictAnalysis.number(v.ci95Low())
                          + ", "
                          + VerdictAnalysis.number(v.ci95High())
                          + "]")
              .append(" | ")
              .append(v.n())
              .append(" |\n");
        }
        md.append('\n');
        List<SupportedOrdering> s = m.supported();
        md.append("Orderings significant after Holm (")
            .append(m.comparisons())
            .append(" comparisons): ")
            .append(
                s.isEmpty()
                    ? "none"
                    : String.join(
                        "; ",
                        s.stream()
                            .map(
                                o ->
                                    o.flatter()
                                        + " flatter than "
                                        + o.sharper()
                                        + " (p "
                                        + VerdictAnalysis.number(o.holmPValue())
                                        + ")")
                            .toList()))
            .append(".\n");
        md.append("Kendall tau with the generalization gap: ")
            .append(correlation(m.withGap()))
            .append("; with learning rate / batch size: ")
            .append(correlation(m.withNoiseScale()))
            .append(".\n\n");
      }
    }
    return md.toString();
  }

  private static String correlation(VerdictRecords.Correlation c) {
    if (c.tau() == null) {
      return "undefined (" + c.undefinedBecause().replace('_', ' ') + ")";
    }
    return String.format(
        Locale.ROOT,
        "%s [%s, %s], p %s, %d runs",
        VerdictAnalysis.number(c.tau()),
        VerdictAnalysis.number(c.ci95Low()),
        VerdictAnalysis.number(c.ci95High()),
        VerdictAnalysis.number(c.pValue()),
        c.n());
  }

  private static String labelOf(ProtocolVerdict p, String measure) {
    return p.measures().stream()
        .filter(m -> m.measure().equals(measure))
        .map(MeasureVerdict::label)
        .findFirst()
        .orElse(measure);
  }

  /**
   * Text for a table cell: a measure's label such as "average 0.1|w|" holds pipes, which Markdown
   * would read as cell borders and so shift every later column of the row.
   */
  static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
