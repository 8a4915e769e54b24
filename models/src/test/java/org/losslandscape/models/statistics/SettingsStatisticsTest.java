package org.losslandscape.models.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The settings-level statistics of the verdict against hand-computed cases and slow, separately
 * written references.
 */
class SettingsStatisticsTest {

  // ---- Kendall over settings, exact permutation p ----

  @Test
  void tauAIsTheMeanOfThePairsSignProducts() {
    // Pairs (1,2): +1, (1,3): +1, (2,3): -1.
    assertThat(SettingsKendall.tauA(new double[] {1, 2, 3}, new double[] {1, 3, 2}))
        .isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void fourSettingsCanNeverBeSignificant() {
    SettingsKendall t =
        SettingsKendall.test(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}, 1, 10);
    assertThat(t.tau()).isEqualTo(1.0);
    assertThat(t.exact()).isTrue();
    assertThat(t.pValue()).isCloseTo(2.0 / 24, within(1e-12));
    assertThat(t.smallestP()).isCloseTo(2.0 / 24, within(1e-12));
    assertThat(t.untestableAt(0.05)).isTrue();
    SettingsKendall five =
        SettingsKendall.test(new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1}, 1, 10);
    assertThat(five.tau()).isEqualTo(-1.0);
    assertThat(five.smallestP()).isCloseTo(2.0 / 120, within(1e-12));
    assertThat(five.untestableAt(0.05)).isFalse();
  }

  @Property(tries = 30)
  void theExactPEqualsABruteForceCountOverEveryOrdering(
      @ForAll @IntRange(min = 3, max = 7) int k, @ForAll long seed) {
    Random random = new Random(seed);
    double[] x = new double[k];
    double[] y = new double[k];
    for (int i = 0; i < k; i++) {
      x[i] = random.nextInt(4); // ties happen
      y[i] = random.nextGaussian();
    }
    SettingsKendall t = SettingsKendall.test(x, y, 1, 10);
    // Reference: every ordering of y by recursion, tau by the pair definition written out again.
    List<double[]> orderings = new ArrayList<>();
    permute(y, 0, orderings);
    double observed = Math.abs(referenceTau(x, y));
    long atLeast =
        orderings.stream().filter(o -> Math.abs(referenceTau(x, o)) >= observed - 1e-12).count();
    assertThat(t.pValue()).isCloseTo((double) atLeast / orderings.size(), within(1e-12));
    assertThat(t.smallestP()).isLessThanOrEqualTo(t.pValue());
  }

  @Test
  void manySettingsUseRandomOrderingsThatAgreeWithTheirExactValue() {
    // 10 settings, tau = 1: the exact p is 2/10! ~ 5.5e-7, so the draws give (0 + 1) / (B + 1).
    double[] x = new double[10];
    double[] y = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i] = i;
      y[i] = 2 * i;
    }
    SettingsKendall t = SettingsKendall.test(x, y, 3, 20_000);
    assertThat(t.exact()).isFalse();
    assertThat(t.pValue()).isCloseTo(1.0 / 20_001, within(1e-9));
    // A weak association: the Monte-Carlo p is within 0.02 of a long reference run.
    Random random = new Random(5);
    for (int i = 0; i < 10; i++) {
      y[i] = i + 6 * random.nextGaussian();
    }
    double p = SettingsKendall.test(x, y, 4, 20_000).pValue();
    double reference = SettingsKendall.test(x, y, 99, 200_000).pValue();
    assertThat(p).isCloseTo(reference, within(0.02));
  }

  private static void permute(double[] values, int from, List<double[]> out) {
    if (from == values.length) {
      out.add(values.clone());
      return;
    }
    for (int i = from; i < values.length; i++) {
      double[] v = values.clone();
      double t = v[from];
      v[from] = v[i];
      v[i] = t;
      permute(v, from + 1, out);
    }
  }

  private static double referenceTau(double[] x, double[] y) {
    int concordant = 0;
    int discordant = 0;
    int pairs = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < i; j++) {
        double p = (x[i] - x[j]) * (y[i] - y[j]);
        if (p > 0) {
          concordant++;
        } else if (p < 0) {
          discordant++;
        }
        pairs++;
      }
    }
    return (concordant - discordant) / (double) pairs;
  }

  // ---- granulated Kendall ----

  /** lr x batch, settings (h,s), (h,L), (l,s), (l,L). */
  private static final List<List<String>> LR_BATCH =
      List.of(List.of("h", "s"), List.of("h", "L"), List.of("l", "s"), List.of("l", "L"));

  @Test
  void aMeasureThatFollowsTheGapAlongOneAxisAndAgainstItAlongTheOtherShowsIt() {
    // Along lr (batch fixed) the measure falls where the gap rises: psi_lr = -1; along batch (lr
    // fixed) both rise: psi_batch = +1; Psi = 0.
    double[] measure = {1, 2, 3, 4};
    double[] gap = {2, 3, 1, 2};
    GranulatedKendall g =
        GranulatedKendall.of(
            List.of("lr", "batch"), LR_BATCH, perSeed(measure), perSeed(gap), 1, 200);
    assertThat(g.psi()).containsExactly(-1.0, 1.0);
    assertThat(g.overall()).isEqualTo(0.0);
    // One seed per setting: every bootstrap resample is the data itself.
    assertThat(g.psiLow()).containsExactly(-1.0, 1.0);
    assertThat(g.overallHigh()).isEqualTo(0.0);
  }

  @Test
  void psiAveragesTheGroupsOfAnAxisAndSkipsAnAxisNobodyVaries() {
    // Three lr values at two batches; the third axis is constant.
    List<List<String>> values = new ArrayList<>();
    double[] measure = new double[6];
    double[] gap = new double[6];
    String[] lrs = {"a", "b", "c"};
    int s = 0;
    for (String batch : new String[] {"s", "L"}) {
      for (int i = 0; i < 3; i++) {
        values.add(List.of(lrs[i], batch, "x"));
        measure[s] = i;
        // batch s: gap in the measure's order (tau 1); batch L: order 0, 2, 1 (tau 1/3).
        gap[s] = batch.equals("s") ? i : new double[] {0, 2, 1}[i];
        s++;
      }
    }
    double[] psi = GranulatedKendall.psi(3, values, measure, gap);
    assertThat(psi[0]).isCloseTo((1 + 1.0 / 3) / 2, within(1e-15));
    assertThat(psi[2]).isNaN();
  }

  private static List<double[]> perSeed(double[] means) {
    List<double[]> out = new ArrayList<>();
    for (double m : means) {
      out.add(new double[] {m});
    }
    return out;
  }

  // ---- conditional mutual information ----

  @Test
  void aMeasureThatOrdersPairsAsTheGapDoesScoresOne() {
    double[] gap = {0.1, 0.4, 0.3, 0.2};
    double[] measure = {1, 4, 3, 2};
    assertThat(ConditionalMutualInformation.score(LR_BATCH, measure, gap))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aMeasureThatOnlyTracksAnAxisTheGapIgnoresScoresZero() {
    // The gap depends on batch only, the measure on lr only: once batch is known nothing is left.
    double[] gap = {1, 2, 1.1, 2.1};
    double[] measure = {5, 5.1, 1, 1.1};
    assertThat(ConditionalMutualInformation.score(LR_BATCH, measure, gap))
        .isCloseTo(0.0, within(1e-12));
  }

  @Property(tries = 40)
  void theScoreEqualsASeparateComputationByConditionalEntropies(
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random random = new Random(seed);
    List<List<String>> values = new ArrayList<>();
    List<Double> m = new ArrayList<>();
    List<Double> g = new ArrayList<>();
    for (String a : new String[] {"0", "1"}) {
      for (String b : new String[] {"0", "1", "2"}) {
        for (String c : new String[] {"0", "1"}) {
          values.add(List.of(a, b, c));
          m.add(random.nextGaussian());
          g.add(random.nextGaussian() + 0.5 * m.get(m.size() - 1));
        }
      }
    }
    double[] measure = m.stream().mapToDouble(Double::doubleValue).toArray();
    double[] gap = g.stream().mapToDouble(Double::doubleValue).toArray();
    assertThat(ConditionalMutualInformation.score(values, measure, gap))
        .isCloseTo(referenceScore(values, measure, gap), within(1e-9));
  }

  /**
   * The same score by a different route: I(M; G | U) = H(G | U) - H(G | M, U), entropies from the
   * joint counts of (U, G) and (U, M, G).
   */
  private static double referenceScore(List<List<String>> values, double[] measure, double[] gap) {
    int axes = values.get(0).size();
    List<List<Integer>> sets = new ArrayList<>();
    sets.add(List.of());
    for (int a = 0; a < axes; a++) {
      sets.add(List.of(a));
      for (int b = a + 1; b < axes; b++) {
        sets.add(List.of(a, b));
      }
    }
    double best = Double.POSITIVE_INFINITY;
    for (List<Integer> set : sets) {
      Map<String, Integer> ug = new HashMap<>();
      Map<String, Integer> umg = new HashMap<>();
      Map<String, Integer> u = new HashMap<>();
      Map<String, Integer> um = new HashMap<>();
      int n = 0;
      for (int s = 0; s < measure.length; s++) {
        for (int t = 0; t < measure.length; t++) {
          if (s == t) {
            continue;
          }
          StringBuilder key = new StringBuilder();
          for (int axis : set) {
            key.append(values.get(s).get(axis))
                .append('/')
                .append(values.get(t).get(axis))
                .append(';');
          }
          String gg = gap[s] > gap[t] ? "G" : "g";
          String mm = measure[s] > measure[t] ? "M" : "m";
          u.merge(key.toString(), 1, Integer::sum);
          ug.merge(key + gg, 1, Integer::sum);
          um.merge(key + mm, 1, Integer::sum);
          umg.merge(key + mm + gg, 1, Integer::sum);
          n++;
        }
      }
      double hGgivenU = entropy(ug, n) - entropy(u, n);
      double hGgivenMU = entropy(umg, n) - entropy(um, n);
      if (hGgivenU > 1e-12) {
        best = Math.min(best, (hGgivenU - hGgivenMU) / hGgivenU);
      }
    }
    return best;
  }

  private static double entropy(Map<String, Integer> counts, int n) {
    double h = 0;
    for (int c : counts.values()) {
      double p = (double) c / n;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  // ---- sign-error ----

  @Test
  void signErrorsAreCountedOverEveryPairingOfTheCoupledSettingsSeeds() {
    // Settings hs, hL, ls, lL with two seeds each; the measure rises from each to the next, so
    // in every environment the first setting has the lower measure.
    List<double[]> measure =
        List.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6}, new double[] {7, 8});
    List<double[]> gap =
        List.of(
            new double[] {1, 1.1}, // hs
            new double[] {2, 2.1}, // hL
            new double[] {0.5, 3}, // ls
            new double[] {0, 0.1}); // lL
    SignError e = SignError.of(LR_BATCH, measure, gap);
    // Environments, in order: (hs, hL) differ in batch, (hs, ls) in lr, (hL, lL) in lr, (ls, lL)
    // in batch; (hs, lL) and (hL, ls) differ in both and are not environments.
    // (hs, hL): hL's gaps are all higher, as its measure: no error.
    // (hs, ls): of the pairings (1, 0.5), (1, 3), (1.1, 0.5), (1.1, 3) two have the lower gap
    //   on hs's side, as the measure says: half wrong.
    // (hL, lL) and (ls, lL): lL's gaps are below all of the other's, its measure above: all wrong.
    assertThat(e.environments())
        .extracting(SignError.Environment::signError)
        .containsExactly(0.0, 0.5, 1.0, 1.0);
    assertThat(e.environments())
        .extracting(SignError.Environment::axis)
        .containsExactly(1, 0, 0, 1);
    assertThat(e.worst()).isEqualTo(1.0);
    assertThat(e.mean()).isCloseTo(0.625, within(1e-15));
  }

  // ---- permutation test of two groups ----

  @Test
  void threeSeedsAgainstThreeCannotGoBelowOneTenth() {
    PermutationTest t = PermutationTest.of(new double[] {1, 2, 3}, new double[] {7, 8, 9}, 1, 10);
    assertThat(t.exact()).isTrue();
    assertThat(t.pValue()).isCloseTo(0.1, within(1e-12));
    assertThat(t.smallestP()).isCloseTo(0.1, within(1e-12));
    assertThat(t.difference()).isEqualTo(-6.0);
  }

  @Property(tries = 30)
  void theExactPEqualsABruteForceCountOverEverySplit(
      @ForAll @IntRange(min = 1, max = 6) int sizeA,
      @ForAll @IntRange(min = 1, max = 6) int sizeB,
      @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = new double[sizeA];
    double[] b = new double[sizeB];
    for (int i = 0; i < sizeA; i++) {
      a[i] = random.nextInt(5);
    }
    for (int i = 0; i < sizeB; i++) {
      b[i] = random.nextInt(5) + 1;
    }
    double[] pooled = new double[sizeA + sizeB];
    System.arraycopy(a, 0, pooled, 0, sizeA);
    System.arraycopy(b, 0, pooled, sizeA, sizeB);
    double observed = Math.abs(mean(a) - mean(b));
    int atLeast = 0;
    int splits = 0;
    for (int mask = 0; mask < (1 << pooled.length); mask++) {
      if (Integer.bitCount(mask) != sizeA) {
        continue;
      }
      double sa = 0;
      double sb = 0;
      for (int i = 0; i < pooled.length; i++) {
        if ((mask & (1 << i)) != 0) {
          sa += pooled[i];
        } else {
          sb += pooled[i];
        }
      }
      if (Math.abs(sa / sizeA - sb / sizeB) >= observed - 1e-9) {
        atLeast++;
      }
      splits++;
    }
    assertThat(PermutationTest.of(a, b, 1, 10).pValue())
        .isCloseTo((double) atLeast / splits, within(1e-12));
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
