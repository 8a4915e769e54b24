package org.losslandscape.pipeline.verdict;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.losslandscape.pipeline.verdict.VerdictRecords.AxisPsi;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ExcludedRun;
import org.losslandscape.pipeline.verdict.VerdictRecords.GapPrediction;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureCorrelations;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.PairTest;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeOutcome;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeValues;
import org.losslandscape.pipeline.verdict.VerdictRecords.SupportedOrdering;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * Renders a verdict as {@code VERDICT.md}: the claims first, then how well each measure predicts
 * generalization across settings, then the numbers behind them.
 */
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
    md.append("Family of Holm's correction: ")
        .append(verdict.family().description())
        .append(" (")
        .append(verdict.family().tests())
        .append(" tests).\n\n");
    if (seeds < 2) {
      md.append(
          "**With one seed per recipe no claim about recipes can be resolved**: the tests compare"
              + " recipes over training seeds. Run with `--seeds 3` or more.\n\n");
    }

    md.append("## The claims\n\n");
    md.append(
        "| claim | supported | contradicted | not resolved | not testable | not applicable |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (ClaimTally t : verdict.claims()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d |%n",
              cell(t.statement()),
              t.supported(),
              t.contradicted(),
              t.notResolved(),
              t.notTestable(),
              t.notApplicable()));
    }
    md.append(
        "\nCounts are cells: (measure, protocol) for claims 1-2, (measure, gap, protocol) for claim"
            + " 3. Per cell, with the uncorrected p and the p after Holm's correction over the"
            + " family:\n\n");
    for (ClaimTally t : verdict.claims()) {
      md.append("### ").append(capitalize(t.statement())).append("\n\n");
      boolean gaps = t.claim() == Claim.FLAT_GENERALIZES_BETTER;
      md.append("| protocol | measure |")
          .append(gaps ? " gap |" : "")
          .append(" outcome | p | Holm p | evidence |\n|---|---|")
          .append(gaps ? "---|" : "")
          .append("---|---:|---:|---|\n");
      for (ProtocolVerdict p : verdict.protocols()) {
        for (ClaimVerdict c : p.claims()) {
          if (c.claim() == t.claim()) {
            md.append("| ")
                .append(cell(p.budget()))
                .append(" | ")
                .append(cell(labelOf(p, c.measure())))
                .append(" | ");
            if (gaps) {
              md.append(c.gap() == null ? "" : c.gap().description()).append(" | ");
            }
            md.append("**")
                .append(c.outcome().label().replace('_', ' '))
                .append("** | ")
                .append(c.pValue() == null ? "–" : number(c.pValue()))
                .append(" | ")
                .append(c.holmPValue() == null ? "–" : number(c.holmPValue()))
                .append(" | ")
                .append(cell(c.evidence()))
                .append(" |\n");
          }
        }
      }
      md.append('\n');
    }

    for (ProtocolVerdict p : verdict.protocols()) {
      protocol(md, p);
    }
    return md.toString();
  }

  private static void protocol(StringBuilder md, ProtocolVerdict p) {
    md.append("## Protocol: ")
        .append(p.protocol())
        .append(" (")
        .append(cell(p.budget()))
        .append(")\n\n");
    md.append(
        "| recipe | runs | train loss | train error | test loss | test error | loss gap | error"
            + " gap |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RecipeOutcome r : p.recipes()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
              cell(r.recipe()),
              r.runs(),
              r.trainLoss(),
              r.trainError(),
              r.testLoss(),
              r.testError(),
              r.lossGap(),
              r.errorGap()));
    }
    md.append('\n');
    if (p.targetLoss() != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "Runs count when their training loss is within %.0f%% of the target %s.",
              100 * VerdictAnalysis.LOSS_BAND,
              number(p.targetLoss())));
      if (p.excluded().isEmpty()) {
        md.append(" Every run did.\n\n");
      } else {
        md.append(" Left out:\n\n");
        for (ExcludedRun e : p.excluded()) {
          md.append("- ").append(e.run()).append(": ").append(e.reason()).append('\n');
        }
        md.append('\n');
      }
    }
    md.append("Settings vary along: ")
        .append(p.axes().isEmpty() ? "nothing" : String.join(", ", p.axes()))
        .append(".\n\n");

    md.append("### How well each measure predicts generalization across settings\n\n");
    md.append(
        "Each setting is one point (its seeds averaged). tau: Kendall's tau over settings with its"
            + " exact permutation p (the smallest possible p beside it) and a 95% interval from"
            + " resampling seeds; psi: Jiang et al.'s granulated tau along each axis; CMI: their"
            + " conditional mutual information score; sign-error: Dziugaite et al.'s, mean and"
            + " worst over settings differing in one axis (in brackets: only those whose gaps"
            + " differ beyond seed noise).\n\n");
    md.append(
        "| measure | gap | settings | tau [95% interval] | p (smallest possible) | "
            + (p.axes().isEmpty()
                ? ""
                : p.axes().stream().map(a -> "psi " + a).collect(Collectors.joining(" | "))
                    + " | Psi | ")
            + "CMI | sign-error mean / worst |\n");
    md.append("|---|---|---:|---|---|")
        .append("---:|".repeat(p.axes().isEmpty() ? 0 : p.axes().size() + 1))
        .append("---:|---|\n");
    for (MeasureVerdict m : p.measures()) {
      for (GapPrediction g : m.predictions()) {
        md.append("| ")
            .append(cell(m.label()))
            .append(" | ")
            .append(g.gap().description())
            .append(" | ")
            .append(g.settings())
            .append(" | ")
            .append(
                g.tau() == null
                    ? "–"
                    : number(g.tau())
                        + " ["
                        + number(g.tauLow())
                        + ", "
                        + number(g.tauHigh())
                        + "]")
            .append(" | ")
            .append(
                g.smallestP() == null
                    ? "–"
                    : (g.testable() ? number(g.pValue()) : "not testable")
                        + " ("
                        + number(g.smallestP())
                        + ")")
            .append(" | ");
        if (!p.axes().isEmpty()) {
          for (AxisPsi a : g.psi()) {
            md.append(a.psi() == null ? "–" : number(a.psi())).append(" | ");
          }
          md.append(g.psiOverall() == null ? "–" : number(g.psiOverall())).append(" | ");
        }
        md.append(g.cmi() == null ? "–" : number(g.cmi()))
            .append(" | ")
            .append(signError(g))
            .append(" |\n");
      }
    }
    md.append('\n');

    measureCorrelations(md, p);

    for (MeasureVerdict m : p.measures()) {
      md.append("**")
          .append(cell(m.label()))
          .append("** — ")
          .append(m.definition())
          .append(".\n\n");
      md.append("| recipe | mean | 95% interval | n |\n|---|---:|---|---:|\n");
      for (RecipeValues r : m.recipes()) {
        md.append("| ")
            .append(cell(r.recipe()))
            .append(" | ")
            .append(number(r.mean()))
            .append(" | ")
            .append(
                r.ci95Low() == null
                    ? "–"
                    : "[" + number(r.ci95Low()) + ", " + number(r.ci95High()) + "]")
            .append(" | ")
            .append(r.n())
            .append(" |\n");
      }
      md.append('\n');
      List<PairTest> tested = m.pairs().stream().filter(t -> t.pValue() != null).toList();
      if (!tested.isEmpty()) {
        md.append(
            "| pair | difference, 95% interval | Welch p | Holm p (this measure) | permutation p"
                + " (smallest possible) |\n|---|---|---:|---:|---|\n");
        for (PairTest t : tested) {
          md.append("| ")
              .append(cell(t.first()))
              .append(" − ")
              .append(cell(t.second()))
              .append(" | ")
              .append(number(t.firstMean() - t.secondMean()))
              .append(" [")
              .append(number(t.ci95Low()))
              .append(", ")
              .append(number(t.ci95High()))
              .append("] | ")
              .append(number(t.pValue()))
              .append(" | ")
              .append(number(t.holmPValue()))
              .append(" | ")
              .append(number(t.permutationP()))
              .append(" (")
              .append(number(t.permutationSmallestP()))
              .append(") |\n");
        }
        md.append('\n');
      }
      md.append("Orderings significant after Holm over this measure's ")
          .append(m.comparisons())
          .append(" comparisons: ")
          .append(orderings(m.supported()))
          .append(".\n\n");
    }
  }

  private static void measureCorrelations(StringBuilder md, ProtocolVerdict p) {
    MeasureCorrelations c = p.correlations();
    if (c == null || c.names().isEmpty()) {
      return;
    }
    md.append("### How related the measures are\n\n");
    md.append("Kendall's tau between every two measures (and the gaps) over the ")
        .append(c.runs())
        .append(" runs: measures that move together are one piece of evidence, not several.\n\n");
    md.append("| | ");
    for (int j = 0; j < c.names().size(); j++) {
      md.append(short2(p, c.names().get(j))).append(" | ");
    }
    md.append("\n|---|").append("---:|".repeat(c.names().size())).append('\n');
    for (int i = 0; i < c.names().size(); i++) {
      md.append("| ").append(cell(labelOf(p, c.names().get(i)))).append(" | ");
      for (int j = 0; j < c.names().size(); j++) {
        Double t = c.tau()[i][j];
        md.append(t == null ? "–" : String.format(Locale.ROOT, "%.2f", t)).append(" | ");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /** A column header: the measure's label, or the gap's name. */
  private static String short2(ProtocolVerdict p, String key) {
    return cell(labelOf(p, key));
  }

  private static String signError(GapPrediction g) {
    if (g.signError().environments() == 0) {
      return "–";
    }
    String all =
        number(g.signError().mean())
            + " / "
            + number(g.signError().worst())
            + " ("
            + g.signError().environments()
            + ")";
    if (g.signError().filteredEnvironments() == 0) {
      return all + " [none beyond noise]";
    }
    return all
        + " ["
        + number(g.signError().filteredMean())
        + " / "
        + number(g.signError().filteredWorst())
        + " ("
        + g.signError().filteredEnvironments()
        + ")]";
  }

  private static String orderings(List<SupportedOrdering> supported) {
    if (supported.isEmpty()) {
      return "none";
    }
    return supported.stream()
        .map(
            o ->
                o.flatter()
                    + " flatter than "
                    + o.sharper()
                    + " (p "
                    + number(o.holmPValue())
                    + ")")
        .collect(Collectors.joining("; "));
  }

  /** The measure's label in this protocol, or the gap's description, or the key itself. */
  private static String labelOf(ProtocolVerdict p, String key) {
    for (GapKind g : GapKind.values()) {
      if (g.label().equals(key)) {
        return g.description();
      }
    }
    return p.measures().stream()
        .filter(m -> m.measure().equals(key))
        .map(MeasureVerdict::label)
        .findFirst()
        .orElse(key);
  }

  /** A table cell: pipes escaped, so a label like {@code 0.1|w|} stays in its column. */
  static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String number(Double v) {
    return v == null ? "–" : VerdictAnalysis.number(v);
  }
}
