package org.losslandscape.pipeline.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Family;
import org.losslandscape.pipeline.verdict.VerdictRecords.GapPrediction;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureCorrelations;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeOutcome;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeValues;
import org.losslandscape.pipeline.verdict.VerdictRecords.SignErrors;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/** VERDICT.md as Markdown: every table row has as many cells as its header. */
class VerdictMarkdownTest {

  @Test
  void aMeasureLabelWithPipesStaysInItsCell() {
    String label = "average 0.1|w|";
    MeasureVerdict measure =
        new MeasureVerdict(
            "average_case_scaled",
            label,
            "E[L(w+e)] - L(w), e_i ~ N(0, (0.1 |w_i|)^2)",
            List.of(new RecipeValues("a|b", 0.5, null, null, 1, new double[] {0.5})),
            0,
            List.of(),
            List.of(),
            List.of(
                new GapPrediction(
                    GapKind.LOSS_GAP,
                    1,
                    null,
                    null,
                    null,
                    false,
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    new SignErrors(0, null, null, 0, null, null))));
    ClaimVerdict cell =
        new ClaimVerdict(
            Claim.FLAT_GENERALIZES_BETTER,
            "average_case_scaled",
            GapKind.LOSS_GAP,
            Outcome.NOT_APPLICABLE,
            null,
            null,
            "mixed",
            false,
            "tau over |w|-scaled draws");
    Verdict verdict =
        new Verdict(
            0.05,
            "a rule",
            new Family("every cell", 0),
            List.of(
                new ProtocolVerdict(
                    "steps",
                    "10 steps",
                    null,
                    List.of(new RecipeOutcome("a|b", 1, 0.1, 0.05, 0.15, 0.1, 0.05, 0.05)),
                    List.of(),
                    List.of(),
                    List.of(measure),
                    List.of(cell),
                    new MeasureCorrelations(
                        List.of("average_case_scaled", "loss_gap"),
                        new Double[][] {{1.0, null}, {null, 1.0}},
                        1))),
            List.of(
                new ClaimTally(
                    Claim.FLAT_GENERALIZES_BETTER,
                    Claim.FLAT_GENERALIZES_BETTER.statement(),
                    0,
                    0,
                    0,
                    0,
                    1)));

    String md = VerdictMarkdown.render(verdict, "loss-landscape --seeds 1", 1);

    List<String> lines = md.lines().toList();
    int checkedRows = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("|---")) {
        int columns = borders(lines.get(i - 1));
        for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("|"); j++) {
          assertThat(borders(lines.get(j))).as(lines.get(j)).isEqualTo(columns);
          checkedRows++;
        }
      }
    }
    // Claims (1), cells (1), recipes (1), predictions (1), correlations (2), the measure (1).
    assertThat(checkedRows).isEqualTo(7);
    assertThat(md).contains("| average 0.1\\|w\\| | test - train loss | **", "| a\\|b | 1 |");
  }

  /** The cell borders of a Markdown table row: pipes not escaped by a backslash. */
  private static int borders(String row) {
    int n = 0;
    for (int i = 0; i < row.length(); i++) {
      if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
        n++;
      }
    }
    return n;
  }
}
