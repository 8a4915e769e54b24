package org.losslandscape.pipeline.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.Recipes;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.SupportedOrdering;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/** The verdict on synthetic studies whose answer is known. */
class VerdictAnalysisTest {

  private static final List<Recipe> RECIPES = Recipes.defaults();
  private static final Measure M = new Measure("m", "m", "a synthetic measure");
  private static final int[] JITTER = {3, 1, 4, 0, 2};
  private final VerdictAnalysis analysis = new VerdictAnalysis(5, 2000);

  /** Runs whose measure is {@code centre + spread * k} for seeds k = -2..2, gap given per run. */
  private static List<RunMeasurements> runs(double[] centres, double spread, double[] gapSlope) {
    List<RunMeasurements> out = new ArrayList<>();
    for (int r = 0; r < RECIPES.size(); r++) {
      for (int k = 0; k < 5; k++) {
        double value = centres[r] + spread * (k - 2);
        // A small jitter in an order unrelated to the seeds (so it does not track the measure).
        double gap = 0.1 + gapSlope[r] * value + 0.001 * JITTER[(k + 2 * r) % 5];
        out.add(
            new RunMeasurements(
                new RunId(RECIPES.get(r).name(), 42 + k, k),
                RECIPES.get(r),
                0.3,
                0.85,
                gap,
                Map.of(M, value)));
      }
    }
    return out;
  }

  private static Verdict verdictOf(ProtocolVerdict p) {
    return VerdictAnalysis.verdict(List.of(p));
  }

  private static ClaimVerdict claim(ProtocolVerdict p, Claim c) {
    return p.claims().stream().filter(v -> v.claim() == c).findFirst().orElseThrow();
  }

  @Test
  void clearlySeparatedRecipesSupportTheFirstTwoClaims() {
    // high_lr_small_batch 1, high_lr_large_batch 2, low_lr_small_batch 3, low_lr_large_batch 4
    ProtocolVerdict p =
        analysis.protocol(
            "steps",
            "4000 steps",
            RECIPES,
            runs(new double[] {1, 2, 3, 4}, 0.05, new double[] {1, 1, 1, 1}),
            List.of(M));
    assertThat(claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST).outcome()).isEqualTo(Outcome.SUPPORTED);
    assertThat(claim(p, Claim.LOW_LR_LARGE_BATCH_SHARPEST).outcome()).isEqualTo(Outcome.SUPPORTED);
    // The gap grows with the measure: flat generalizes better.
    assertThat(claim(p, Claim.FLAT_GENERALIZES_BETTER).outcome()).isEqualTo(Outcome.SUPPORTED);
    assertThat(p.measures().get(0).comparisons()).isEqualTo(6);
    assertThat(p.measures().get(0).supported())
        .contains(
            new SupportedOrdering(
                "high_lr_small_batch",
                "low_lr_large_batch",
                p.measures().get(0).supported().stream()
                    .filter(
                        o ->
                            o.flatter().equals("high_lr_small_batch")
                                && o.sharper().equals("low_lr_large_batch"))
                    .findFirst()
                    .orElseThrow()
                    .holmPValue()))
        .hasSize(6);
    assertThat(verdictOf(p).claims().get(0).supported()).isEqualTo(1);
  }

  @Test
  void theOppositeOrderContradictsAndAnInverseGapRelationContradictsClaimThree() {
    ProtocolVerdict p =
        analysis.protocol(
            "epochs",
            "10 epochs",
            RECIPES,
            runs(new double[] {4, 3, 2, 1}, 0.05, new double[] {-1, -1, -1, -1}),
            List.of(M));
    assertThat(claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST).outcome())
        .isEqualTo(Outcome.CONTRADICTED);
    assertThat(claim(p, Claim.LOW_LR_LARGE_BATCH_SHARPEST).outcome())
        .isEqualTo(Outcome.CONTRADICTED);
    assertThat(claim(p, Claim.FLAT_GENERALIZES_BETTER).outcome()).isEqualTo(Outcome.CONTRADICTED);
  }

  @Test
  void overlappingRecipesLeaveEverythingNotResolved() {
    ProtocolVerdict p =
        analysis.protocol(
            "epochs",
            "10 epochs",
            RECIPES,
            runs(new double[] {1.0, 1.01, 1.02, 1.03}, 0.5, new double[] {0, 0, 0, 0}),
            List.of(M));
    assertThat(claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST).outcome())
        .isEqualTo(Outcome.NOT_RESOLVED);
    assertThat(claim(p, Claim.LOW_LR_LARGE_BATCH_SHARPEST).outcome())
        .isEqualTo(Outcome.NOT_RESOLVED);
    assertThat(p.measures().get(0).supported()).isEmpty();
    assertThat(claim(p, Claim.FLAT_GENERALIZES_BETTER).outcome()).isEqualTo(Outcome.NOT_RESOLVED);
  }

  @Test
  void flattestButNotSignificantlySoAgainstOneRecipeIsNotResolved() {
    // high_lr_small_batch 1.0 vs high_lr_large_batch 1.02 (overlapping), others far away.
    ProtocolVerdict p =
        analysis.protocol(
            "steps",
            "4000 steps",
            RECIPES,
            runs(new double[] {1.0, 1.02, 3, 4}, 0.2, new double[] {0, 0, 0, 0}),
            List.of(M));
    ClaimVerdict c = claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST);
    assertThat(c.outcome()).isEqualTo(Outcome.NOT_RESOLVED);
    assertThat(c.evidence()).contains("high_lr_small_batch", "high_lr_large_batch", "Holm p");
  }

  @Test
  void oneSeedPerRecipeResolvesNothingAndSaysWhy() {
    List<RunMeasurements> single =
        runs(new double[] {1, 2, 3, 4}, 0.05, new double[] {1, 1, 1, 1}).stream()
            .filter(r -> r.run().seedIndex() == 0)
            .toList();
    ProtocolVerdict p = analysis.protocol("epochs", "10 epochs", RECIPES, single, List.of(M));
    ClaimVerdict c = claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST);
    assertThat(c.outcome()).isEqualTo(Outcome.NOT_RESOLVED);
    assertThat(c.evidence()).contains("single value");
    assertThat(p.measures().get(0).comparisons()).isZero();
  }

  @Test
  void recipesWithoutTheNamedRolesMakeTheClaimsNotApplicable() {
    List<Recipe> two = List.of(new Recipe("a", 0.1, 32), new Recipe("b", 0.01, 32));
    List<RunMeasurements> runs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      runs.add(
          new RunMeasurements(new RunId("a", k, k), two.get(0), 0.3, 0.8, 0.1, Map.of(M, 1.0 + k)));
      runs.add(
          new RunMeasurements(new RunId("b", k, k), two.get(1), 0.3, 0.8, 0.1, Map.of(M, 2.0 + k)));
    }
    // a has the highest LR but no recipe has a smaller batch: a is both roles' candidate for the
    // small batch; b has the lowest LR and the largest batch (a tie at 32).
    ProtocolVerdict p = analysis.protocol("epochs", "1 epochs", two, runs, List.of(M));
    assertThat(p.claims()).hasSize(3);
    Verdict v = verdictOf(p);
    assertThat(v.claims()).hasSize(3);
    assertThat(VerdictMarkdown.render(v, "loss-landscape --seeds 3", 3))
        .contains("# Verdict", "## The claims", "loss-landscape --seeds 3", "Protocol: epochs");
  }
}
