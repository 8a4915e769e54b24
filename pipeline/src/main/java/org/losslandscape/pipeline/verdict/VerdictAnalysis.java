package org.losslandscape.pipeline.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.losslandscape.models.sharpness.MeanInterval;
import org.losslandscape.models.statistics.Holm;
import org.losslandscape.models.statistics.MeanComparison;
import org.losslandscape.models.statistics.RankCorrelationEstimate;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Correlation;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.PairTest;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeOutcome;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeValues;
import org.losslandscape.pipeline.verdict.VerdictRecords.SupportedOrdering;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * Computes the verdict from every run's measurements.
 *
 * <ul>
 *   <li><b>Orderings</b>, per measure and protocol: Welch's two-sided test for every pair of
 *       recipes on their per-seed values, Holm's correction over those pairs; an ordering is stated
 *       when the adjusted p-value is at most {@link #ALPHA}.
 *   <li><b>Claims 1 and 2</b> (a recipe is the flattest / the sharpest): the family is that
 *       recipe's comparisons with each other recipe, corrected by Holm; <em>supported</em> when
 *       every one is significant in the claim's direction, <em>contradicted</em> when any is
 *       significant against it, <em>not resolved</em> otherwise.
 *   <li><b>Claim 3</b> (flat generalizes better): Kendall's tau between the measure and the
 *       generalization gap over all runs (every recipe x seed a point); <em>supported</em> when the
 *       95% bootstrap interval lies above zero, <em>contradicted</em> when below, <em>not
 *       resolved</em> when it contains zero.
 * </ul>
 *
 * <p>The recipe roles come from the recipes' hyperparameters: "high LR + small batch" is the recipe
 * with the largest learning rate and the smallest batch, "low LR + large batch" the one with the
 * smallest learning rate and the largest batch. Without such a recipe the claim does not apply.
 */
public final class VerdictAnalysis {

  /** Significance level of every test. */
  public static final double ALPHA = 0.05;

  /** The rule, in words, as written into the verdict. */
  public static final String RULE =
      "orderings: Welch t-test per recipe pair on per-seed values, Holm-corrected over the"
          + " measure's pairs, significant at adjusted p <= 0.05; claims 1-2: Holm over the named"
          + " recipe's comparisons with each other recipe, supported if all are significant in the"
          + " claimed direction, contradicted if any is significant against it; claim 3: Kendall"
          + " tau of measure vs generalization gap over all runs, supported if its 95% bootstrap"
          + " interval lies above 0, contradicted if below; otherwise not resolved";

  private final long seed;
  private final int resamples;

  /**
   * @param seed seeds the permutation tests and bootstraps
   * @param resamples permutations and bootstrap resamples per correlation
   */
  public VerdictAnalysis(long seed, int resamples) {
    this.seed = seed;
    this.resamples = resamples;
  }

  /** One protocol's block of the verdict. */
  public ProtocolVerdict protocol(
      String protocol,
      String budget,
      List<Recipe> recipes,
      List<RunMeasurements> runs,
      List<Measure> measures) {
    List<RecipeOutcome> outcomes = new ArrayList<>();
    for (Recipe r : recipes) {
      List<RunMeasurements> own = runsOf(runs, r);
      if (!own.isEmpty()) {
        outcomes.add(
            new RecipeOutcome(
                r.name(),
                own.size(),
                own.stream().mapToDouble(RunMeasurements::trainLoss).average().orElseThrow(),
                own.stream().mapToDouble(RunMeasurements::testAccuracy).average().orElseThrow(),
                own.stream()
                    .mapToDouble(RunMeasurements::generalizationGap)
                    .average()
                    .orElseThrow()));
      }
    }
    Optional<Recipe> flattest = RecipeRoles.highLrSmallBatch(recipes);
    Optional<Recipe> sharpest = RecipeRoles.lowLrLargeBatch(recipes);
    List<MeasureVerdict> verdicts = new ArrayList<>();
    List<ClaimVerdict> claims = new ArrayList<>();
    for (Measure m : measures) {
      Map<String, double[]> values = valuesByRecipe(recipes, runs, m);
      MeasureVerdict verdict = measure(m, values, runs);
      verdicts.add(verdict);
      claims.add(extremeClaim(Claim.HIGH_LR_SMALL_BATCH_FLATTEST, m, flattest, values, true));
      claims.add(extremeClaim(Claim.LOW_LR_LARGE_BATCH_SHARPEST, m, sharpest, values, false));
      claims.add(generalizationClaim(m, verdict.withGap()));
    }
    return new ProtocolVerdict(protocol, budget, outcomes, verdicts, claims);
  }

  /** The whole verdict from the protocols' blocks, with the tally of every claim. */
  public static Verdict verdict(List<ProtocolVerdict> protocols) {
    List<ClaimTally> tallies = new ArrayList<>();
    for (Claim c : Claim.values()) {
      int[] counts = new int[Outcome.values().length];
      for (ProtocolVerdict p : protocols) {
        for (ClaimVerdict v : p.claims()) {
          if (v.claim() == c) {
            counts[v.outcome().ordinal()]++;
          }
        }
      }
      tallies.add(
          new ClaimTally(
              c,
              c.statement(),
              counts[Outcome.SUPPORTED.ordinal()],
              counts[Outcome.CONTRADICTED.ordinal()],
              counts[Outcome.NOT_RESOLVED.ordinal()],
              counts[Outcome.NOT_APPLICABLE.ordinal()]));
    }
    return new Verdict(ALPHA, RULE, protocols, tallies);
  }

  private MeasureVerdict measure(
      Measure m, Map<String, double[]> values, List<RunMeasurements> runs) {
    List<RecipeValues> recipeValues = new ArrayList<>();
    values.forEach(
        (name, v) -> {
          MeanInterval i = MeanInterval.of(v);
          boolean interval = i.finite() && i.n() > 1;
          recipeValues.add(
              new RecipeValues(
                  name,
                  i.mean(),
                  interval ? i.lower() : null,
                  interval ? i.upper() : null,
                  i.n(),
                  v));
        });
    List<String> names = new ArrayList<>(values.keySet());
    List<PairTest> untested = new ArrayList<>();
    List<String[]> tested = new ArrayList<>();
    List<MeanComparison> comparisons = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        double[] a = values.get(names.get(i));
        double[] b = values.get(names.get(j));
        String reason = whyNotTestable(a, b);
        if (reason != null) {
          untested.add(
              new PairTest(names.get(i), names.get(j), mean(a), mean(b), null, null, reason));
        } else {
          tested.add(new String[] {names.get(i), names.get(j)});
          comparisons.add(MeanComparison.welch(a, b));
        }
      }
    }
    double[] p = comparisons.stream().mapToDouble(MeanComparison::pValue).toArray();
    double[] adjusted = Holm.adjust(p);
    List<PairTest> pairs = new ArrayList<>();
    List<SupportedOrdering> supported = new ArrayList<>();
    for (int k = 0; k < comparisons.size(); k++) {
      MeanComparison c = comparisons.get(k);
      String a = tested.get(k)[0];
      String b = tested.get(k)[1];
      pairs.add(new PairTest(a, b, c.meanA(), c.meanB(), p[k], adjusted[k], null));
      if (adjusted[k] <= ALPHA) {
        supported.add(
            c.firstIsLower()
                ? new SupportedOrdering(a, b, adjusted[k])
                : new SupportedOrdering(b, a, adjusted[k]));
      }
    }
    pairs.addAll(untested);
    List<RunMeasurements> measured = runs.stream().filter(r -> r.values().containsKey(m)).toList();
    double[] x = measured.stream().mapToDouble(r -> r.values().get(m)).toArray();
    double[] gap = measured.stream().mapToDouble(RunMeasurements::generalizationGap).toArray();
    double[] noise = measured.stream().mapToDouble(r -> r.recipe().noiseScale()).toArray();
    return new MeasureVerdict(
        m.key(),
        m.label(),
        m.definition(),
        recipeValues,
        comparisons.size(),
        pairs,
        supported,
        correlation(x, gap),
        correlation(x, noise));
  }

  private Correlation correlation(double[] x, double[] y) {
    List<double[]> finite = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        finite.add(new double[] {x[i], y[i]});
      }
    }
    int n = finite.size();
    if (n < 3) {
      return new Correlation(null, null, null, null, n, 0, "too_few_runs");
    }
    double[] fx = finite.stream().mapToDouble(v -> v[0]).toArray();
    double[] fy = finite.stream().mapToDouble(v -> v[1]).toArray();
    RankCorrelationEstimate e = RankCorrelationEstimate.kendall(fx, fy, seed, resamples);
    if (Double.isNaN(e.tau())) {
      return new Correlation(null, null, null, null, n, resamples, "constant");
    }
    return new Correlation(e.tau(), e.ci95Low(), e.ci95High(), e.pValue(), n, resamples, null);
  }

  private static ClaimVerdict extremeClaim(
      Claim claim, Measure m, Optional<Recipe> role, Map<String, double[]> values, boolean lowest) {
    if (role.isEmpty() || !values.containsKey(role.get().name())) {
      return new ClaimVerdict(
          claim, m.key(), Outcome.NOT_APPLICABLE, "no recipe in this role was measured");
    }
    String name = role.get().name();
    double[] own = values.get(name);
    List<String> others = new ArrayList<>();
    List<MeanComparison> tests = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      if (e.getKey().equals(name)) {
        continue;
      }
      String reason = whyNotTestable(own, e.getValue());
      if (reason != null) {
        skipped.add(e.getKey() + " (" + reason.replace('_', ' ') + ")");
      } else {
        others.add(e.getKey());
        tests.add(MeanComparison.welch(own, e.getValue()));
      }
    }
    if (tests.isEmpty()) {
      return new ClaimVerdict(
          claim,
          m.key(),
          Outcome.NOT_RESOLVED,
          "no comparison possible: " + String.join(", ", skipped));
    }
    double[] adjusted = Holm.adjust(tests.stream().mapToDouble(MeanComparison::pValue).toArray());
    boolean all = skipped.isEmpty();
    boolean against = false;
    List<String> evidence = new ArrayList<>();
    for (int k = 0; k < tests.size(); k++) {
      MeanComparison t = tests.get(k);
      boolean inDirection = lowest == t.firstIsLower();
      boolean significant = adjusted[k] <= ALPHA;
      all &= significant && inDirection;
      against |= significant && !inDirection;
      evidence.add(
          String.format(
              Locale.ROOT,
              "%s %s vs %s %s (Holm p %s)",
              name,
              number(t.meanA()),
              others.get(k),
              number(t.meanB()),
              number(adjusted[k])));
    }
    Outcome outcome =
        against ? Outcome.CONTRADICTED : all ? Outcome.SUPPORTED : Outcome.NOT_RESOLVED;
    if (!skipped.isEmpty()) {
      evidence.add("not compared: " + String.join(", ", skipped));
    }
    return new ClaimVerdict(claim, m.key(), outcome, String.join("; ", evidence));
  }

  private static ClaimVerdict generalizationClaim(Measure m, Correlation withGap) {
    if (withGap.tau() == null) {
      return new ClaimVerdict(
          Claim.FLAT_GENERALIZES_BETTER,
          m.key(),
          Outcome.NOT_RESOLVED,
          "no correlation: " + withGap.undefinedBecause().replace('_', ' '));
    }
    Outcome outcome =
        withGap.ci95Low() > 0
            ? Outcome.SUPPORTED
            : withGap.ci95High() < 0 ? Outcome.CONTRADICTED : Outcome.NOT_RESOLVED;
    return new ClaimVerdict(
        Claim.FLAT_GENERALIZES_BETTER,
        m.key(),
        outcome,
        String.format(
            Locale.ROOT,
            "Kendall tau(measure, gap) = %s, 95%% bootstrap interval [%s, %s], permutation p %s,"
                + " %d runs",
            number(withGap.tau()),
            number(withGap.ci95Low()),
            number(withGap.ci95High()),
            number(withGap.pValue()),
            withGap.n()));
  }

  /** Null when the two groups can be compared by Welch's test, else why not. */
  private static String whyNotTestable(double[] a, double[] b) {
    for (double[] v : List.of(a, b)) {
      for (double x : v) {
        if (!Double.isFinite(x)) {
          return "non_finite";
        }
      }
    }
    return a.length < 2 || b.length < 2 ? "single_value" : null;
  }

  private static Map<String, double[]> valuesByRecipe(
      List<Recipe> recipes, List<RunMeasurements> runs, Measure m) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Recipe r : recipes) {
      double[] v =
          runsOf(runs, r).stream()
              .filter(x -> x.values().containsKey(m))
              .mapToDouble(x -> x.values().get(m))
              .toArray();
      if (v.length > 0) {
        out.put(r.name(), v);
      }
    }
    return out;
  }

  private static List<RunMeasurements> runsOf(List<RunMeasurements> runs, Recipe r) {
    return runs.stream().filter(x -> x.recipe().name().equals(r.name())).toList();
  }

  private static double mean(double[] v) {
    return MeanInterval.of(v).mean();
  }

  /** Three significant digits, or the special value's name. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (v != 0 && Math.abs(v) < 1e-3) {
      return String.format(Locale.ROOT, "%.2g", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
