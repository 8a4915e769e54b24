package org.losslandscape.pipeline.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.losslandscape.models.statistics.ConditionalMutualInformation;
import org.losslandscape.models.statistics.GranulatedKendall;
import org.losslandscape.models.statistics.Holm;
import org.losslandscape.models.statistics.MeanComparison;
import org.losslandscape.models.statistics.MeanInterval;
import org.losslandscape.models.statistics.PermutationTest;
import org.losslandscape.models.statistics.SettingsKendall;
import org.losslandscape.models.statistics.SignError;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.verdict.VerdictRecords.AxisPsi;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ExcludedRun;
import org.losslandscape.pipeline.verdict.VerdictRecords.Family;
import org.losslandscape.pipeline.verdict.VerdictRecords.GapPrediction;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureCorrelations;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.PairTest;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeOutcome;
import org.losslandscape.pipeline.verdict.VerdictRecords.RecipeValues;
import org.losslandscape.pipeline.verdict.VerdictRecords.SignErrors;
import org.losslandscape.pipeline.verdict.VerdictRecords.SupportedOrdering;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * Computes the verdict from every run's measurements, the way studies of generalization measures do
 * it: hyperparameter settings (recipes) are the unit, seeds are replicates.
 *
 * <ul>
 *   <li><b>Claims 1 and 2</b> (a recipe is the flattest / the sharpest), per measure and protocol:
 *       Welch's test of the named recipe against each other recipe on their per-seed values (with
 *       an exact permutation test beside it). The cell is one test: when all three differences
 *       point the claimed way its p is the largest of the three (all must hold); when any points
 *       against, the smallest of those, times the comparisons (any may hold).
 *   <li><b>Claim 3</b> (flatter minima generalize better), per measure, kind of gap and protocol:
 *       Kendall's tau between the settings' mean measure and mean gap, with the exact permutation p
 *       over orderings of the settings. With too few settings no ordering can reach alpha: the cell
 *       is <em>not testable</em> and says so. Beside it, for each gap: Jiang et al.'s granulated
 *       tau per axis, their conditional mutual information score and Dziugaite et al.'s sign-error
 *       (descriptive).
 *   <li><b>Decision</b>: Holm's correction runs over every cell with a test, of all claims,
 *       measures, gaps and protocols ({@link #verdict}); a cell is supported or contradicted only
 *       when its corrected p is at most {@link #ALPHA} and its intervals (Welch's intervals of the
 *       differences; the seed-bootstrap interval of tau) exclude zero the same way. Uncorrected p
 *       values are shown too.
 * </ul>
 *
 * <p>Runs of a protocol trained to a target loss count only when their training loss is within
 * {@link #LOSS_BAND} of the target; the others are listed as excluded. Recipe roles come from the
 * hyperparameters: "high LR + small batch" is the recipe with the largest learning rate and the
 * smallest batch, "low LR + large batch" the one with the smallest learning rate and the largest
 * batch.
 */
public final class VerdictAnalysis {

  /** Significance level of every decision, after the family's correction. */
  public static final double ALPHA = 0.05;

  /** Runs trained to a target loss count when within this relative distance of it. */
  public static final double LOSS_BAND = 0.02;

  /** The rule, in words, as written into the verdict. */
  public static final String RULE =
      "claims 1-2: per measure and protocol, Welch's test of the named recipe against each other"
          + " recipe on per-seed values; the cell's p is the largest of the three when all point"
          + " the claimed way, else (any against) the smallest against times three. Claim 3: per"
          + " measure, gap and protocol, Kendall's tau between the settings' means of measure and"
          + " gap with an exact permutation p over settings; not testable when no ordering could"
          + " reach alpha. A cell is supported or contradicted when its p survives Holm's"
          + " correction over every cell with a test (the family) at 0.05 and its intervals"
          + " exclude zero the same way; otherwise not resolved";

  private final long seed;
  private final int resamples;

  /**
   * @param seed seeds the permutation tests and bootstraps
   * @param resamples bootstrap resamples (and Monte-Carlo permutations beyond the exact sizes)
   */
  public VerdictAnalysis(long seed, int resamples) {
    this.seed = seed;
    this.resamples = resamples;
  }

  /**
   * One protocol's block of the verdict; its claims are not decided yet ({@link #verdict} corrects
   * them over the whole family).
   *
   * @param targetLoss the training loss the protocol trains to, or null
   */
  public ProtocolVerdict protocol(
      String protocol,
      String budget,
      Double targetLoss,
      List<Recipe> recipes,
      List<RunMeasurements> allRuns,
      List<Measure> measures) {
    List<ExcludedRun> excluded = new ArrayList<>();
    List<RunMeasurements> runs = new ArrayList<>();
    for (RunMeasurements r : allRuns) {
      if (targetLoss != null && Math.abs(r.trainLoss() / targetLoss - 1) > LOSS_BAND) {
        excluded.add(
            new ExcludedRun(
                r.run().folder(),
                r.trainLoss(),
                String.format(
                    Locale.ROOT,
                    "training loss %.4g is not within %.0f%% of the target %s",
                    r.trainLoss(),
                    100 * LOSS_BAND,
                    number(targetLoss))));
      } else {
        runs.add(r);
      }
    }
    List<Recipe> present = recipes.stream().filter(r -> !runsOf(runs, r).isEmpty()).toList();
    List<RecipeOutcome> outcomes = new ArrayList<>();
    for (Recipe r : present) {
      List<RunMeasurements> own = runsOf(runs, r);
      outcomes.add(
          new RecipeOutcome(
              r.name(),
              own.size(),
              average(own, RunMeasurements::trainLoss),
              average(own, x -> 1 - x.trainAccuracy()),
              average(own, RunMeasurements::testLoss),
              average(own, x -> 1 - x.testAccuracy()),
              average(own, x -> x.gap(GapKind.LOSS_GAP)),
              average(own, x -> x.gap(GapKind.ERROR_GAP))));
    }
    Axes axes = Axes.of(present);
    Optional<Recipe> flattest = RecipeRoles.highLrSmallBatch(present);
    Optional<Recipe> sharpest = RecipeRoles.lowLrLargeBatch(present);
    Optional<String> noSingleRole = RecipeRoles.whyNoSingleRole(present);
    List<MeasureVerdict> verdicts = new ArrayList<>();
    List<ClaimVerdict> claims = new ArrayList<>();
    for (Measure m : measures) {
      Map<String, double[]> values = valuesByRecipe(present, runs, m);
      List<GapPrediction> predictions = new ArrayList<>();
      for (GapKind gap : GapKind.values()) {
        predictions.add(prediction(m, gap, present, runs, axes));
      }
      MeasureVerdict verdict = measure(m, values, predictions);
      verdicts.add(verdict);
      if (noSingleRole.isPresent()) {
        for (Claim c :
            List.of(Claim.HIGH_LR_SMALL_BATCH_FLATTEST, Claim.LOW_LR_LARGE_BATCH_SHARPEST)) {
          claims.add(notApplicable(c, m, noSingleRole.get()));
        }
      } else {
        claims.add(extremeClaim(Claim.HIGH_LR_SMALL_BATCH_FLATTEST, m, flattest, values, true));
        claims.add(extremeClaim(Claim.LOW_LR_LARGE_BATCH_SHARPEST, m, sharpest, values, false));
      }
      for (GapPrediction p : predictions) {
        claims.add(generalizationClaim(m, p));
      }
    }
    return new ProtocolVerdict(
        protocol,
        budget,
        targetLoss,
        outcomes,
        excluded,
        axes.names(),
        verdicts,
        claims,
        correlations(runs, measures));
  }

  /**
   * The whole verdict: Holm's correction over every cell of every protocol that has a test, the
   * decisions, and the tally of every claim.
   */
  public static Verdict verdict(List<ProtocolVerdict> protocols) {
    List<double[]> indexOf = new ArrayList<>(); // {protocol, cell}
    List<Double> p = new ArrayList<>();
    for (int b = 0; b < protocols.size(); b++) {
      List<ClaimVerdict> claims = protocols.get(b).claims();
      for (int c = 0; c < claims.size(); c++) {
        if (claims.get(c).pValue() != null) {
          indexOf.add(new double[] {b, c});
          p.add(claims.get(c).pValue());
        }
      }
    }
    double[] adjusted = Holm.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
    List<List<ClaimVerdict>> decided = new ArrayList<>();
    for (ProtocolVerdict block : protocols) {
      decided.add(new ArrayList<>(block.claims()));
    }
    for (int k = 0; k < adjusted.length; k++) {
      int b = (int) indexOf.get(k)[0];
      int c = (int) indexOf.get(k)[1];
      ClaimVerdict cell = decided.get(b).get(c);
      Outcome outcome = Outcome.NOT_RESOLVED;
      if (adjusted[k] <= ALPHA && cell.intervalExcludesZero()) {
        if (cell.direction().equals("claimed")) {
          outcome = Outcome.SUPPORTED;
        } else if (cell.direction().equals("against")) {
          outcome = Outcome.CONTRADICTED;
        }
      }
      decided.get(b).set(c, cell.decided(outcome, adjusted[k]));
    }
    List<ProtocolVerdict> blocks = new ArrayList<>();
    for (int b = 0; b < protocols.size(); b++) {
      blocks.add(protocols.get(b).withClaims(decided.get(b)));
    }
    List<ClaimTally> tallies = new ArrayList<>();
    for (Claim c : Claim.values()) {
      int[] counts = new int[Outcome.values().length];
      for (ProtocolVerdict block : blocks) {
        for (ClaimVerdict v : block.claims()) {
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
              counts[Outcome.NOT_TESTABLE.ordinal()],
              counts[Outcome.NOT_APPLICABLE.ordinal()]));
    }
    Family family =
        new Family(
            "every cell with a test, over all claims, measures, gaps and protocols of this"
                + " verdict: claims 1-2 one test per (measure, protocol), claim 3 one per (measure,"
                + " gap, protocol) where enough settings make it testable",
            adjusted.length);
    return new Verdict(ALPHA, RULE, family, blocks, tallies);
  }

  private MeasureVerdict measure(
      Measure m, Map<String, double[]> values, List<GapPrediction> predictions) {
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
    List<double[][]> groups = new ArrayList<>();
    List<MeanComparison> comparisons = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        double[] a = values.get(names.get(i));
        double[] b = values.get(names.get(j));
        String reason = whyNotTestable(a, b);
        if (reason != null) {
          untested.add(
              new PairTest(
                  names.get(i),
                  names.get(j),
                  mean(a),
                  mean(b),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  reason));
        } else {
          tested.add(new String[] {names.get(i), names.get(j)});
          groups.add(new double[][] {a, b});
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
      double[] ci = MeanComparison.differenceInterval(groups.get(k)[0], groups.get(k)[1]);
      PermutationTest permutation =
          PermutationTest.of(groups.get(k)[0], groups.get(k)[1], seed + k, resamples);
      pairs.add(
          new PairTest(
              a,
              b,
              c.meanA(),
              c.meanB(),
              p[k],
              adjusted[k],
              ci[0],
              ci[1],
              permutation.pValue(),
              permutation.smallestP(),
              null));
      if (adjusted[k] <= ALPHA) {
        supported.add(
            c.firstIsLower()
                ? new SupportedOrdering(a, b, adjusted[k])
                : new SupportedOrdering(b, a, adjusted[k]));
      }
    }
    pairs.addAll(untested);
    return new MeasureVerdict(
        m.key(),
        m.label(),
        m.definition(),
        recipeValues,
        comparisons.size(),
        pairs,
        supported,
        predictions);
  }

  /** How well measure {@code m} predicts {@code gap} across the settings. */
  private GapPrediction prediction(
      Measure m, GapKind gap, List<Recipe> recipes, List<RunMeasurements> runs, Axes axes) {
    List<double[]> measure = new ArrayList<>();
    List<double[]> gaps = new ArrayList<>();
    List<List<String>> values = new ArrayList<>();
    for (Recipe r : recipes) {
      List<RunMeasurements> own =
          runsOf(runs, r).stream()
              .filter(x -> x.values().containsKey(m))
              .filter(x -> Double.isFinite(x.values().get(m)) && Double.isFinite(x.gap(gap)))
              .toList();
      if (!own.isEmpty()) {
        measure.add(own.stream().mapToDouble(x -> x.values().get(m)).toArray());
        gaps.add(own.stream().mapToDouble(x -> x.gap(gap)).toArray());
        values.add(axes.valuesOf(r));
      }
    }
    int k = measure.size();
    List<AxisPsi> noPsi = axes.names().stream().map(a -> new AxisPsi(a, null, null, null)).toList();
    SignErrors noSignError = new SignErrors(0, null, null, 0, null, null);
    if (k < 2) {
      return new GapPrediction(
          gap, k, null, null, null, false, null, null, noPsi, null, null, noSignError);
    }
    double[] meanMeasure = measure.stream().mapToDouble(VerdictAnalysis::mean).toArray();
    double[] meanGap = gaps.stream().mapToDouble(VerdictAnalysis::mean).toArray();
    SettingsKendall test =
        SettingsKendall.test(meanMeasure, meanGap, seed, SettingsKendall.DEFAULT_DRAWS);
    double[] interval = SettingsKendall.seedBootstrap(measure, gaps, seed + 1, resamples);
    boolean testable = !test.untestableAt(ALPHA);
    List<AxisPsi> psi = noPsi;
    Double psiOverall = null;
    Double cmi = null;
    SignErrors signErrors = noSignError;
    if (!axes.names().isEmpty()) {
      GranulatedKendall g =
          GranulatedKendall.of(axes.names(), values, measure, gaps, seed + 2, resamples);
      psi = new ArrayList<>();
      for (int i = 0; i < axes.names().size(); i++) {
        psi.add(
            new AxisPsi(
                axes.names().get(i),
                finite(g.psi()[i]),
                finite(g.psiLow()[i]),
                finite(g.psiHigh()[i])));
      }
      psiOverall = finite(g.overall());
      cmi = finite(ConditionalMutualInformation.score(values, meanMeasure, meanGap));
      SignError e = SignError.of(values, measure, gaps);
      int filtered =
          (int) e.environments().stream().filter(SignError.Environment::gapResolved).count();
      signErrors =
          new SignErrors(
              e.environments().size(),
              finite(e.mean()),
              finite(e.worst()),
              filtered,
              finite(e.filteredMean()),
              finite(e.filteredWorst()));
    }
    return new GapPrediction(
        gap,
        k,
        test.tau(),
        testable ? test.pValue() : null,
        test.smallestP(),
        testable,
        interval[0],
        interval[1],
        psi,
        psiOverall,
        cmi,
        signErrors);
  }

  /** A claim-1/2 cell that has no test, and why. */
  private static ClaimVerdict notApplicable(Claim claim, Measure m, String why) {
    return new ClaimVerdict(
        claim, m.key(), null, Outcome.NOT_APPLICABLE, null, null, "mixed", false, why);
  }

  private static ClaimVerdict extremeClaim(
      Claim claim, Measure m, Optional<Recipe> role, Map<String, double[]> values, boolean lowest) {
    if (role.isEmpty() || !values.containsKey(role.get().name())) {
      return notApplicable(claim, m, "no recipe in this role was measured");
    }
    String name = role.get().name();
    double[] own = values.get(name);
    List<String> evidence = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    double supportP = 0;
    boolean allClaimed = true;
    boolean allIntervalsClaimed = true;
    double againstP = Double.POSITIVE_INFINITY;
    boolean againstInterval = false;
    int compared = 0;
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      if (e.getKey().equals(name)) {
        continue;
      }
      String reason = whyNotTestable(own, e.getValue());
      if (reason != null) {
        skipped.add(e.getKey() + " (" + reason.replace('_', ' ') + ")");
        allClaimed = false;
        continue;
      }
      compared++;
      MeanComparison t = MeanComparison.welch(own, e.getValue());
      double[] ci = MeanComparison.differenceInterval(own, e.getValue());
      boolean claimedWay = lowest ? t.meanA() < t.meanB() : t.meanA() > t.meanB();
      boolean intervalClaimed = lowest ? ci[1] < 0 : ci[0] > 0;
      boolean intervalAgainst = lowest ? ci[0] > 0 : ci[1] < 0;
      if (claimedWay) {
        supportP = Math.max(supportP, t.pValue());
        allIntervalsClaimed &= intervalClaimed;
      } else {
        allClaimed = false;
        if (t.meanA() != t.meanB() && t.pValue() < againstP) {
          againstP = t.pValue();
          againstInterval = intervalAgainst;
        }
      }
      evidence.add(
          String.format(
              Locale.ROOT,
              "%s %s vs %s %s (p %s, 95%% CI of the difference [%s, %s])",
              name,
              number(t.meanA()),
              e.getKey(),
              number(t.meanB()),
              number(t.pValue()),
              number(ci[0]),
              number(ci[1])));
    }
    if (!skipped.isEmpty()) {
      evidence.add("not compared: " + String.join(", ", skipped));
    }
    if (compared == 0 && own.length < 2) {
      return new ClaimVerdict(
          claim,
          m.key(),
          null,
          Outcome.NOT_TESTABLE,
          null,
          null,
          "mixed",
          false,
          "one run of "
              + name
              + " has this measure in this protocol, so it has no interval (only the seeds"
              + " --sliced-seeds names are sliced; with a target loss, runs outside the band are"
              + " left out)");
    }
    if (compared == 0) {
      return new ClaimVerdict(
          claim,
          m.key(),
          null,
          Outcome.NOT_RESOLVED,
          null,
          null,
          "mixed",
          false,
          "no comparison possible: " + String.join(", ", skipped));
    }
    String joined = String.join("; ", evidence);
    if (allClaimed) {
      return new ClaimVerdict(
          claim,
          m.key(),
          null,
          Outcome.NOT_RESOLVED,
          supportP,
          null,
          "claimed",
          allIntervalsClaimed,
          joined);
    }
    if (Double.isFinite(againstP)) {
      return new ClaimVerdict(
          claim,
          m.key(),
          null,
          Outcome.NOT_RESOLVED,
          Math.min(1, compared * againstP),
          null,
          "against",
          againstInterval,
          joined);
    }
    return new ClaimVerdict(
        claim, m.key(), null, Outcome.NOT_RESOLVED, null, null, "mixed", false, joined);
  }

  private static ClaimVerdict generalizationClaim(Measure m, GapPrediction p) {
    Claim claim = Claim.FLAT_GENERALIZES_BETTER;
    if (p.tau() == null) {
      return new ClaimVerdict(
          claim,
          m.key(),
          p.gap(),
          Outcome.NOT_APPLICABLE,
          null,
          null,
          "mixed",
          false,
          p.settings() + " setting(s) with a value: no ordering to compare");
    }
    String evidence =
        String.format(
            Locale.ROOT,
            "Kendall tau over %d settings = %s (seed-bootstrap 95%% interval [%s, %s]),"
                + " permutation p %s, smallest possible p %s",
            p.settings(),
            number(p.tau()),
            number(p.tauLow()),
            number(p.tauHigh()),
            p.pValue() == null ? "-" : number(p.pValue()),
            number(p.smallestP()));
    if (!p.testable()) {
      return new ClaimVerdict(
          claim,
          m.key(),
          p.gap(),
          Outcome.NOT_TESTABLE,
          null,
          null,
          p.tau() > 0 ? "claimed" : p.tau() < 0 ? "against" : "mixed",
          false,
          evidence
              + String.format(
                  Locale.ROOT,
                  ": with %d settings no ordering can reach p <= %s; a sweep of at least %d"
                      + " settings can test it",
                  p.settings(),
                  ALPHA,
                  settingsNeeded()));
    }
    // Flatter generalizes better: the sharper setting has the larger gap, a positive tau.
    String direction = p.tau() > 0 ? "claimed" : p.tau() < 0 ? "against" : "mixed";
    boolean excludesZero =
        direction.equals("claimed")
            ? p.tauLow() > 0
            : direction.equals("against") && p.tauHigh() < 0;
    return new ClaimVerdict(
        claim,
        m.key(),
        p.gap(),
        Outcome.NOT_RESOLVED,
        p.pValue(),
        null,
        direction,
        excludesZero,
        evidence);
  }

  /** The fewest settings whose most extreme ordering has an exact permutation p <= alpha. */
  static int settingsNeeded() {
    int k = 2;
    double factorial = 2;
    while (2 / factorial > ALPHA) {
      k++;
      factorial *= k;
    }
    return k;
  }

  /** Kendall's tau-b between every two measures and gaps over the runs that have both. */
  private static MeasureCorrelations correlations(
      List<RunMeasurements> runs, List<Measure> measures) {
    List<String> names = new ArrayList<>();
    List<Function<RunMeasurements, Double>> columns = new ArrayList<>();
    for (Measure m : measures) {
      names.add(m.key());
      columns.add(r -> r.values().get(m));
    }
    for (GapKind g : GapKind.values()) {
      names.add(g.label());
      columns.add(r -> r.gap(g));
    }
    int n = names.size();
    Double[][] tau = new Double[n][n];
    KendallsCorrelation kendall = new KendallsCorrelation();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        List<double[]> pairs = new ArrayList<>();
        for (RunMeasurements r : runs) {
          Double x = columns.get(i).apply(r);
          Double y = columns.get(j).apply(r);
          if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
            pairs.add(new double[] {x, y});
          }
        }
        if (pairs.size() >= 3) {
          double t =
              kendall.correlation(
                  pairs.stream().mapToDouble(v -> v[0]).toArray(),
                  pairs.stream().mapToDouble(v -> v[1]).toArray());
          tau[i][j] = Double.isNaN(t) ? null : t;
        }
      }
    }
    return new MeasureCorrelations(names, tau, runs.size());
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

  private static double average(
      List<RunMeasurements> runs, java.util.function.ToDoubleFunction<RunMeasurements> value) {
    return runs.stream().mapToDouble(value).average().orElse(Double.NaN);
  }

  private static double mean(double[] v) {
    return MeanInterval.of(v).mean();
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
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
