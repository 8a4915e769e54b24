package org.losslandscape.pipeline.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.Recipes;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.GapPrediction;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/** The verdict on synthetic studies whose answer is known. */
class VerdictAnalysisTest {

  private static final List<Recipe> RECIPES = Recipes.defaults();
  private static final Measure M = new Measure("m", "m", "units", "a synthetic measure");
  private static final int[] JITTER = {3, 1, 4, 0, 2};
  private final VerdictAnalysis analysis = new VerdictAnalysis(5, 2000);

  /**
   * Runs whose measure is {@code centre + spread * k} for seeds k = -2..2 and whose loss gap is
   * {@code 0.1 + slope * measure} (plus a small jitter unrelated to the seeds); the error gap is
   * half the loss gap, the test error 0.1 more than that.
   */
  private static List<RunMeasurements> runs(
      List<Recipe> recipes, double[] centres, double spread, double[] slope) {
    List<RunMeasurements> out = new ArrayList<>();
    for (int r = 0; r < recipes.size(); r++) {
      for (int k = 0; k < 5; k++) {
        double value = centres[r] + spread * (k - 2);
        double gap = 0.1 + slope[r] * value + 0.001 * JITTER[(k + 2 * r) % 5];
        out.add(run(recipes.get(r), 42 + k, k, 0.3, gap, value));
      }
    }
    return out;
  }

  private static RunMeasurements run(
      Recipe recipe, long seed, int index, double trainLoss, double gap, double value) {
    return new RunMeasurements(
        new RunId(recipe.name(), seed, index),
        recipe,
        trainLoss,
        1.0,
        trainLoss + gap,
        1.0 - gap / 2,
        Map.of(M, value));
  }

  private static ProtocolVerdict decided(ProtocolVerdict p) {
    return VerdictAnalysis.verdict(List.of(p)).protocols().get(0);
  }

  private static ClaimVerdict claim(ProtocolVerdict p, Claim c) {
    return p.claims().stream().filter(v -> v.claim() == c).findFirst().orElseThrow();
  }

  private static ClaimVerdict claim(ProtocolVerdict p, GapKind gap) {
    return p.claims().stream()
        .filter(v -> v.claim() == Claim.FLAT_GENERALIZES_BETTER && v.gap() == gap)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void clearlySeparatedRecipesSupportTheFirstTwoClaimsAndFourSettingsCannotTestTheThird() {
    // high_lr_small_batch 1, high_lr_large_batch 2, low_lr_small_batch 3, low_lr_large_batch 4
    ProtocolVerdict undecided =
        analysis.protocol(
            "steps",
            "4000 steps",
            null,
            RECIPES,
            runs(RECIPES, new double[] {1, 2, 3, 4}, 0.05, new double[] {1, 1, 1, 1}),
            List.of(M));
    // Nothing is decided before the family's correction.
    assertThat(claim(undecided, Claim.HIGH_LR_SMALL_BATCH_FLATTEST).outcome())
        .isEqualTo(Outcome.NOT_RESOLVED);
    Verdict v = VerdictAnalysis.verdict(List.of(undecided));
    ProtocolVerdict p = v.protocols().get(0);
    assertThat(claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST).outcome()).isEqualTo(Outcome.SUPPORTED);
    assertThat(claim(p, Claim.LOW_LR_LARGE_BATCH_SHARPEST).outcome()).isEqualTo(Outcome.SUPPORTED);
    // Four settings: at best p = 2/4! = 1/12, so claim 3 is not testable for any gap, and says
    // what would make it testable.
    for (GapKind g : GapKind.values()) {
      ClaimVerdict c = claim(p, g);
      assertThat(c.outcome()).isEqualTo(Outcome.NOT_TESTABLE);
      assertThat(c.pValue()).isNull();
      assertThat(c.evidence()).contains("4 settings", "0.0833", "at least 5 settings");
    }
    // The family is the two testable cells.
    assertThat(v.family().tests()).isEqualTo(2);
    assertThat(v.claims().get(2).notTestable()).isEqualTo(3);
    assertThat(p.measures().get(0).comparisons()).isEqualTo(6);
    assertThat(p.measures().get(0).supported()).hasSize(6);
    assertThat(p.axes()).containsExactly("lr", "batch");
  }

  @Test
  void theOppositeOrderContradictsTheFirstTwoClaims() {
    ProtocolVerdict p =
        decided(
            analysis.protocol(
                "epochs",
                "10 epochs",
                null,
                RECIPES,
                runs(RECIPES, new double[] {4, 3, 2, 1}, 0.05, new double[] {-1, -1, -1, -1}),
                List.of(M)));
    assertThat(claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST).outcome())
        .isEqualTo(Outcome.CONTRADICTED);
    assertThat(claim(p, Claim.LOW_LR_LARGE_BATCH_SHARPEST).outcome())
        .isEqualTo(Outcome.CONTRADICTED);
  }

  @Test
  void overlappingRecipesLeaveEverythingNotResolved() {
    ProtocolVerdict p =
        decided(
            analysis.protocol(
                "epochs",
                "10 epochs",
                null,
                RECIPES,
                runs(RECIPES, new double[] {1.0, 1.01, 1.02, 1.03}, 0.5, new double[] {0, 0, 0, 0}),
                List.of(M)));
    assertThat(claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST).outcome())
        .isEqualTo(Outcome.NOT_RESOLVED);
    assertThat(claim(p, Claim.LOW_LR_LARGE_BATCH_SHARPEST).outcome())
        .isEqualTo(Outcome.NOT_RESOLVED);
    assertThat(p.measures().get(0).supported()).isEmpty();
  }

  @Test
  void flattestButNotSignificantlySoAgainstOneRecipeIsNotResolvedAndShowsItsNumbers() {
    // high_lr_small_batch 1.0 vs high_lr_large_batch 1.02 (overlapping), others far away.
    ProtocolVerdict p =
        decided(
            analysis.protocol(
                "steps",
                "4000 steps",
                null,
                RECIPES,
                runs(RECIPES, new double[] {1.0, 1.02, 3, 4}, 0.2, new double[] {0, 0, 0, 0}),
                List.of(M)));
    ClaimVerdict c = claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST);
    assertThat(c.outcome()).isEqualTo(Outcome.NOT_RESOLVED);
    assertThat(c.direction()).isEqualTo("claimed");
    // The cell's p is the largest of its three comparisons: all must hold.
    assertThat(c.pValue()).isGreaterThan(0.5);
    assertThat(c.evidence()).contains("high_lr_small_batch", "high_lr_large_batch", "95% CI");
  }

  @Test
  void oneSeedPerRecipeResolvesNothingAndSaysWhy() {
    List<RunMeasurements> single =
        runs(RECIPES, new double[] {1, 2, 3, 4}, 0.05, new double[] {1, 1, 1, 1}).stream()
            .filter(r -> r.run().seedIndex() == 0)
            .toList();
    ProtocolVerdict p =
        decided(analysis.protocol("epochs", "10 epochs", null, RECIPES, single, List.of(M)));
    ClaimVerdict c = claim(p, Claim.HIGH_LR_SMALL_BATCH_FLATTEST);
    assertThat(c.outcome()).isEqualTo(Outcome.NOT_TESTABLE);
    assertThat(c.pValue()).isNull();
    assertThat(c.evidence()).contains("one run of high_lr_small_batch has this measure");
    assertThat(p.measures().get(0).comparisons()).isZero();
  }

  @Test
  void aMeasureOfTheFirstSeedOnlyIsNotTestableAndStaysOutOfTheFamily() {
    // Slices of the first seed only (M), a measure every seed has (every): the family is the
    // two cells of the measure with seeds, and its claims are decided as if M were absent.
    Measure every = new Measure("every", "every", "units", "a measure every seed has");
    List<RunMeasurements> runs = new ArrayList<>();
    for (RunMeasurements r :
        runs(RECIPES, new double[] {1, 2, 3, 4}, 0.05, new double[] {1, 1, 1, 1})) {
      double value = r.values().get(M);
      runs.add(
          new RunMeasurements(
              r.run(),
              r.recipe(),
              r.trainLoss(),
              r.trainAccuracy(),
              r.testLoss(),
              r.testAccuracy(),
              r.run().seedIndex() == 0 ? Map.of(M, value, every, value) : Map.of(every, value)));
    }
    Verdict v =
        VerdictAnalysis.verdict(
            List.of(
                analysis.protocol("epochs", "10 epochs", null, RECIPES, runs, List.of(M, every))));
    assertThat(v.family().tests()).isEqualTo(2);
    ProtocolVerdict p = v.protocols().get(0);
    for (Claim claim :
        List.of(Claim.HIGH_LR_SMALL_BATCH_FLATTEST, Claim.LOW_LR_LARGE_BATCH_SHARPEST)) {
      assertThat(p.claims())
          .filteredOn(c -> c.claim() == claim)
          .extracting(ClaimVerdict::measure, ClaimVerdict::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("m", Outcome.NOT_TESTABLE),
              org.assertj.core.groups.Tuple.tuple("every", Outcome.SUPPORTED));
    }
  }

  @Test
  void recipesWithoutTheNamedRolesMakeTheClaimsNotApplicable() {
    List<Recipe> two = List.of(new Recipe("a", 0.1, 32), new Recipe("b", 0.01, 64));
    List<RunMeasurements> runs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      runs.add(run(two.get(0), k, k, 0.3, 0.1, 1.0 + k));
      runs.add(run(two.get(1), k, k, 0.3, 0.1, 2.0 + k));
    }
    Recipe third = new Recipe("c", 0.05, 16);
    ProtocolVerdict p =
        decided(analysis.protocol("epochs", "1 epochs", null, List.of(third), runs, List.of(M)));
    assertThat(p.claims()).allMatch(c -> c.outcome() == Outcome.NOT_APPLICABLE);
  }

  /**
   * A sweep that also varies the width has several settings at the largest learning rate and the
   * smallest batch: no one of them is "the" high-LR small-batch recipe, so claims 1-2 are not
   * applicable and say which axes are in the way, while a recipe's own SAM variant does not count.
   */
  @Test
  void settingsThatAlsoDifferInAnotherAxisHaveNoSingleRole() {
    List<Recipe> widths = new ArrayList<>();
    for (double lr : new double[] {0.1, 0.01}) {
      for (int batch : new int[] {32, 256}) {
        for (int width : new int[] {64, 128}) {
          widths.add(
              new Recipe(
                  "lr" + lr + "_b" + batch + "_w" + width,
                  lr,
                  batch,
                  java.util.Optional.empty(),
                  java.util.Optional.empty(),
                  new org.losslandscape.pipeline.config.Variation(
                      java.util.Optional.of(List.of(width, width)),
                      java.util.Optional.empty(),
                      java.util.Optional.empty(),
                      java.util.Optional.empty(),
                      java.util.Optional.empty(),
                      java.util.Optional.empty())));
        }
      }
    }
    double[] measure = new double[widths.size()];
    double[] ones = new double[widths.size()];
    for (int i = 0; i < measure.length; i++) {
      measure[i] = i + 1;
      ones[i] = 1;
    }
    ProtocolVerdict p =
        decided(
            analysis.protocol(
                "steps", "100 steps", null, widths, runs(widths, measure, 0.05, ones), List.of(M)));
    assertThat(p.claims())
        .filteredOn(c -> c.claim() != Claim.FLAT_GENERALIZES_BETTER)
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
              assertThat(c.evidence()).contains("2 settings share").contains("width");
            });
    // The third claim is still judged across the 8 settings.
    assertThat(p.claims())
        .filteredOn(c -> c.claim() == Claim.FLAT_GENERALIZES_BETTER)
        .allMatch(c -> c.outcome() != Outcome.NOT_APPLICABLE);
  }

  /** Six settings: learning rate 3 values x batch 2 values. */
  private static final List<Recipe> SIX =
      List.of(
          new Recipe("lr0.1_b32", 0.1, 32),
          new Recipe("lr0.1_b256", 0.1, 256),
          new Recipe("lr0.05_b32", 0.05, 32),
          new Recipe("lr0.05_b256", 0.05, 256),
          new Recipe("lr0.01_b32", 0.01, 32),
          new Recipe("lr0.01_b256", 0.01, 256));

  @Test
  void sixSettingsWhoseGapGrowsWithTheMeasureSupportTheThirdClaimForEveryGap() {
    ProtocolVerdict p =
        decided(
            analysis.protocol(
                "steps",
                "100 steps",
                null,
                SIX,
                runs(SIX, new double[] {1, 2, 3, 4, 5, 6}, 0.05, new double[] {1, 1, 1, 1, 1, 1}),
                List.of(M)));
    for (GapKind g : GapKind.values()) {
      ClaimVerdict c = claim(p, g);
      assertThat(c.outcome()).as(g.label()).isEqualTo(Outcome.SUPPORTED);
      // 6 settings in order: p = 2/6! exactly.
      assertThat(c.pValue()).isCloseTo(2.0 / 720, within(1e-12));
    }
    GapPrediction loss = p.measures().get(0).predictions().get(0);
    assertThat(loss.tau()).isEqualTo(1.0);
    assertThat(loss.psi()).extracting(VerdictRecords.AxisPsi::axis).containsExactly("lr", "batch");
    assertThat(loss.psi()).allMatch(a -> a.psi() == 1.0);
    assertThat(loss.cmi()).isCloseTo(1.0, within(1e-12));
    assertThat(loss.signError().mean()).isEqualTo(0.0);
    // lr has 3 values and batch 2: 2 x 3 pairs along lr and 3 along batch.
    assertThat(loss.signError().environments()).isEqualTo(9);
  }

  @Test
  void holmsCorrectionRunsOverEveryCellOfEveryProtocol() {
    // Claim 1 supported in each of three protocols alone; the family of six cells (claims 1 and 2
    // in each) corrects all of them together.
    List<ProtocolVerdict> blocks = new ArrayList<>();
    for (String name : new String[] {"a", "b", "c"}) {
      blocks.add(
          analysis.protocol(
              name,
              name,
              null,
              RECIPES,
              runs(RECIPES, new double[] {1, 2, 3, 4}, 0.05, new double[] {1, 1, 1, 1}),
              List.of(M)));
    }
    Verdict v = VerdictAnalysis.verdict(blocks);
    assertThat(v.family().tests()).isEqualTo(6);
    double[] raw =
        v.protocols().stream()
            .flatMap(b -> b.claims().stream())
            .filter(c -> c.pValue() != null)
            .mapToDouble(ClaimVerdict::pValue)
            .sorted()
            .toArray();
    ClaimVerdict smallest =
        v.protocols().stream()
            .flatMap(b -> b.claims().stream())
            .filter(c -> c.pValue() != null && c.pValue() == raw[0])
            .findFirst()
            .orElseThrow();
    assertThat(smallest.holmPValue()).isCloseTo(Math.min(1, 6 * raw[0]), within(1e-15));
  }

  @Test
  void runsOutsideTheTargetLossBandAreLeftOutAndListed() {
    List<RunMeasurements> all = new ArrayList<>();
    for (int r = 0; r < RECIPES.size(); r++) {
      for (int k = 0; k < 3; k++) {
        // The first seed of the first recipe overshot: 0.2815 against 0.3.
        double loss = r == 0 && k == 0 ? 0.2815 : 0.3 * (1 + 0.01 * (k - 1));
        all.add(run(RECIPES.get(r), k, k, loss, 0.1, r + 0.01 * k));
      }
    }
    ProtocolVerdict p =
        analysis.protocol("target-loss", "train loss <= 0.3", 0.3, RECIPES, all, List.of(M));
    assertThat(p.excluded()).hasSize(1);
    assertThat(p.excluded().get(0).run()).isEqualTo("high_lr_small_batch");
    assertThat(p.excluded().get(0).reason()).contains("0.281", "2%", "0.3");
    assertThat(p.recipes().get(0).runs()).isEqualTo(2);
    assertThat(p.recipes().get(1).runs()).isEqualTo(3);
  }

  @Test
  void theErrorGapAndTestErrorComeFromTheAccuracies() {
    RunMeasurements r =
        new RunMeasurements(
            new RunId("x", 1, 0), RECIPES.get(0), 0.2, 0.93, 0.35, 0.88, Map.of(M, 1.0));
    assertThat(r.gap(GapKind.LOSS_GAP)).isCloseTo(0.15, within(1e-12));
    assertThat(r.gap(GapKind.ERROR_GAP)).isCloseTo(0.05, within(1e-12));
    assertThat(r.gap(GapKind.TEST_ERROR)).isCloseTo(0.12, within(1e-12));
  }

  @Test
  void theFewestTestableSettingsAreFive() {
    assertThat(VerdictAnalysis.settingsNeeded()).isEqualTo(5);
  }
}
