package org.losslandscape.pipeline.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Correlation;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeOutcome;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeValues;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/** VERDICT.md as Markdown: every table row has as many cells as its header. */
class VerdictMarkdownTest {

  @Test
  void aMeasureLabelWithPipesStaysInItsCell() {
    String label = "average 0.1|w|";
    Correlation none = new Correlation(null, null, null, null, 1, 0, "single_run");
    MeasureVerdict measure =
        new MeasureVerdict(
            "average_case_scaled",
            label,
            "E[L(w+e)] - L(w), e_i ~ N(0, (0.1 |w_i|)^2)",
            List.of(new RecipeValues("a|b", 0.5, null, null, 1, new double[] {0.5})),
            0,
            List.of(),
            List.of(),
            none,
            none);
    ClaimVerdict cell =
        new ClaimVerdict(
            Claim.FLAT_GENERALIZES_BETTER,
            "average_case_scaled",
            Outcome.values()[0],
            "tau over |w|-scaled draws");
    Verdict verdict =
        new Verdict(
            0.05,
            "a rule",
            List.of(
                new ProtocolVerdict(
                    "steps",
                    "10 steps",
                    List.of(new RecipeOutcome("a|b", 1, 0.1, 0.9, 0.05)),
                    List.of(measure),
                    List.of(cell))),
            List.of(
                new ClaimTally(
                    Claim.FLAT_GENERALIZES_BETTER,
                    Claim.FLAT_GENERALIZES_BETTER.statement(),
                    0,
                    0,
                    1,
                    0)));

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
    assertThat(checkedRows).isEqualTo(4);
    assertThat(md).contains("| average 0.1\\|w\\| | **", "| a\\|b | 1 |");
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
