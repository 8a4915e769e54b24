package org.losslandscape.pipeline.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The records a verdict is made of, as written into {@code summary.json} (section {@code verdict})
 * and rendered into {@code VERDICT.md}.
 */
public final class VerdictRecords {

  private VerdictRecords() {}

  /**
   * The whole verdict.
   *
   * @param alpha the significance level every decision is taken at, after the family's correction
   * @param rule how claims are decided, in words
   * @param family the family of tests Holm's correction runs over
   * @param protocols one block per training protocol
   * @param claims per claim, how many cells support, contradict, leave it open or cannot test it
   */
  public record Verdict(
      double alpha,
      String rule,
      Family family,
      List<ProtocolVerdict> protocols,
      List<ClaimTally> claims) {
    public Verdict {
      protocols = List.copyOf(protocols);
      claims = List.copyOf(claims);
    }
  }

  /**
   * The tests one Holm correction covers.
   *
   * @param description which tests, in words
   * @param tests how many
   */
  public record Family(String description, int tests) {}

  /**
   * The verdict under one training protocol.
   *
   * @param protocol e.g. {@code epochs}
   * @param budget e.g. {@code 10 epochs}
   * @param targetLoss the training loss the runs were trained to, or null for other budgets
   * @param recipes each setting's runs: losses and errors reached, gaps
   * @param excluded runs left out of this protocol's verdict, and why
   * @param axes the hyperparameters that vary between the settings
   * @param measures per measure: values, recipe comparisons, how well it predicts each gap
   * @param claims per claim, measure and (claim 3) gap kind, the outcome with its evidence
   * @param correlations how related the measures are across runs
   */
  public record ProtocolVerdict(
      String protocol,
      String budget,
      Double targetLoss,
      List<RecipeOutcome> recipes,
      List<ExcludedRun> excluded,
      List<String> axes,
      List<MeasureVerdict> measures,
      List<ClaimVerdict> claims,
      MeasureCorrelations correlations) {
    public ProtocolVerdict {
      recipes = List.copyOf(recipes);
      excluded = List.copyOf(excluded);
      axes = List.copyOf(axes);
      measures = List.copyOf(measures);
      claims = List.copyOf(claims);
    }

    /** This block with {@code decided} in place of its claims (after the family's correction). */
    public ProtocolVerdict withClaims(List<ClaimVerdict> decided) {
      return new ProtocolVerdict(
          protocol, budget, targetLoss, recipes, excluded, axes, measures, decided, correlations);
    }
  }

  /**
   * How a setting's runs ended under one protocol (means over its runs).
   *
   * @param recipe the setting (recipe)
   * @param runs runs in the verdict
   * @param trainLoss training cross-entropy reached
   * @param trainError training error (1 - accuracy)
   * @param testLoss test cross-entropy
   * @param testError test error
   * @param lossGap test minus training loss
   * @param errorGap test minus training error
   */
  public record RecipeOutcome(
      String recipe,
      int runs,
      double trainLoss,
      double trainError,
      double testLoss,
      double testError,
      double lossGap,
      double errorGap) {}

  /**
   * A run left out of the verdict.
   *
   * @param run the run, e.g. {@code high_lr_small_batch/seed-43}
   * @param trainLoss its training loss
   * @param reason why, in words
   */
  public record ExcludedRun(String run, double trainLoss, String reason) {}

  /**
   * One measure under one protocol.
   *
   * @param measure the measure's key
   * @param label its short name
   * @param definition what it is
   * @param recipes each recipe's values over seeds
   * @param comparisons recipe pairs tested
   * @param pairs every pair's tests
   * @param supported the orderings significant after Holm over this measure's pairs, flatter first
   *     (descriptive: the claims use the verdict's family-wide correction)
   * @param predictions how well the measure predicts each kind of gap across settings
   */
  public record MeasureVerdict(
      String measure,
      String label,
      String definition,
      List<RecipeValues> recipes,
      int comparisons,
      List<PairTest> pairs,
      List<SupportedOrdering> supported,
      List<GapPrediction> predictions) {
    public MeasureVerdict {
      recipes = List.copyOf(recipes);
      pairs = List.copyOf(pairs);
      supported = List.copyOf(supported);
      predictions = List.copyOf(predictions);
    }
  }

  /**
   * A recipe's values of one measure.
   *
   * @param recipe the recipe
   * @param mean the mean over seeds
   * @param ci95Low lower end of the 95% t-interval (null with one value or non-finite values)
   * @param ci95High upper end
   * @param n seeds with a value
   * @param perSeed the values, first seed first
   */
  public record RecipeValues(
      String recipe, double mean, Double ci95Low, Double ci95High, int n, double[] perSeed) {}

  /**
   * Two recipes compared on one measure, over their seeds.
   *
   * @param first one recipe
   * @param second the other
   * @param firstMean its mean
   * @param secondMean the other's mean
   * @param pValue Welch's two-sided p (null when not tested)
   * @param holmPValue after Holm's correction over this measure's pairs (null when not tested)
   * @param ci95Low lower end of Welch's 95% interval of first minus second (null when not tested)
   * @param ci95High upper end
   * @param permutationP the exact two-sided permutation p over the seeds (null when not tested)
   * @param permutationSmallestP the smallest p that permutation test could give
   * @param notTestedBecause why the pair was not tested: {@code single_value} or {@code non_finite}
   */
  public record PairTest(
      String first,
      String second,
      double firstMean,
      double secondMean,
      @JsonProperty("p_value") Double pValue,
      @JsonProperty("holm_p_value") Double holmPValue,
      Double ci95Low,
      Double ci95High,
      @JsonProperty("permutation_p") Double permutationP,
      @JsonProperty("permutation_smallest_p") Double permutationSmallestP,
      String notTestedBecause) {}

  /**
   * An ordering significant after Holm's correction over the measure's pairs.
   *
   * @param flatter the recipe with the lower mean
   * @param sharper the recipe with the higher mean
   * @param holmPValue the adjusted p-value
   */
  public record SupportedOrdering(
      String flatter, String sharper, @JsonProperty("holm_p_value") double holmPValue) {}

  /**
   * How well a measure predicts one kind of gap across settings (each setting its seeds' mean).
   *
   * @param gap the kind of gap
   * @param settings settings with a value
   * @param tau Kendall's tau over settings (null with fewer than two settings)
   * @param pValue its two-sided permutation p (null when untestable or undefined)
   * @param smallestP the smallest p the permutation test could give with these settings
   * @param testable whether that smallest p is at most alpha
   * @param tauLow 2.5% bootstrap percentile of tau over resampled seeds (null without)
   * @param tauHigh 97.5% percentile
   * @param psi Jiang et al.'s granulated tau per varied axis
   * @param psiOverall their mean, Psi
   * @param cmi Jiang et al.'s conditional mutual information score (null when undefined)
   * @param signError Dziugaite et al.'s sign-error over coupled settings
   */
  public record GapPrediction(
      GapKind gap,
      int settings,
      Double tau,
      @JsonProperty("p_value") Double pValue,
      @JsonProperty("smallest_p") Double smallestP,
      boolean testable,
      Double tauLow,
      Double tauHigh,
      List<AxisPsi> psi,
      Double psiOverall,
      Double cmi,
      SignErrors signError) {
    public GapPrediction {
      psi = List.copyOf(psi);
    }
  }

  /**
   * Granulated Kendall along one axis.
   *
   * @param axis the hyperparameter
   * @param psi tau over settings that differ only in it, averaged over the other axes (null when no
   *     two settings differ only in it)
   * @param ci95Low 2.5% bootstrap percentile over resampled seeds
   * @param ci95High 97.5% percentile
   */
  public record AxisPsi(String axis, Double psi, Double ci95Low, Double ci95High) {}

  /**
   * Sign-errors over the environments (settings differing in exactly one axis).
   *
   * @param environments how many
   * @param mean mean sign-error over them (null without any)
   * @param worst largest (the robust sign-error)
   * @param filteredEnvironments environments whose gaps differ beyond seed noise
   * @param filteredMean mean over those
   * @param filteredWorst largest over those
   */
  public record SignErrors(
      int environments,
      Double mean,
      Double worst,
      int filteredEnvironments,
      Double filteredMean,
      Double filteredWorst) {}

  /**
   * Kendall's tau between every two measures (and the gaps) over the runs of a protocol.
   *
   * @param names the measures' keys, then the gap kinds
   * @param tau {@code tau[i][j]} between names i and j (null where undefined)
   * @param runs runs behind each tau
   */
  public record MeasureCorrelations(List<String> names, Double[][] tau, int runs) {
    public MeasureCorrelations {
      names = List.copyOf(names);
    }
  }

  /**
   * One claim judged in one cell: a measure under one protocol (and, for claim 3, one kind of gap).
   *
   * @param claim the claim
   * @param measure the measure's key
   * @param gap the kind of gap (claim 3 only, else null)
   * @param outcome supported, contradicted, not resolved, not testable or not applicable
   * @param pValue the cell's uncorrected p-value (null when the cell has no test)
   * @param holmPValue after Holm's correction over the verdict's family (null until corrected or
   *     without a test)
   * @param direction which way the cell's evidence points before any correction: {@code claimed},
   *     {@code against} or {@code mixed}
   * @param intervalExcludesZero whether the cell's intervals exclude zero in that direction
   * @param evidence the numbers behind it, in one line
   */
  public record ClaimVerdict(
      Claim claim,
      String measure,
      GapKind gap,
      Outcome outcome,
      @JsonProperty("p_value") Double pValue,
      @JsonProperty("holm_p_value") Double holmPValue,
      String direction,
      boolean intervalExcludesZero,
      String evidence) {

    /** This cell after the family's correction. */
    public ClaimVerdict decided(Outcome newOutcome, Double holm) {
      return new ClaimVerdict(
          claim, measure, gap, newOutcome, pValue, holm, direction, intervalExcludesZero, evidence);
    }
  }

  /**
   * A claim over all cells.
   *
   * @param claim the claim
   * @param statement the claim in words
   * @param supported cells that support it
   * @param contradicted cells that contradict it
   * @param notResolved cells that leave it open
   * @param notTestable cells where no result could have been significant
   * @param notApplicable cells where it does not apply
   */
  public record ClaimTally(
      Claim claim,
      String statement,
      int supported,
      int contradicted,
      int notResolved,
      int notTestable,
      int notApplicable) {}
}
