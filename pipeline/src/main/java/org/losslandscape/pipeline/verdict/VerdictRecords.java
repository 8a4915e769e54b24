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
   * @param alpha the significance level of every test
   * @param rule how orderings and claims are decided
   * @param protocols one block per training protocol
   * @param claims per claim, how many (measure, protocol) cells support, contradict or leave it
   *     open
   */
  public record Verdict(
      double alpha, String rule, List<ProtocolVerdict> protocols, List<ClaimTally> claims) {
    public Verdict {
      protocols = List.copyOf(protocols);
      claims = List.copyOf(claims);
    }
  }

  /**
   * The verdict under one training protocol.
   *
   * @param protocol e.g. {@code epochs}
   * @param budget e.g. {@code 10 epochs}
   * @param recipes each recipe's runs: training loss reached, test accuracy, gap
   * @param measures per measure: values, orderings, correlations
   * @param claims per claim and measure, the outcome with its evidence
   */
  public record ProtocolVerdict(
      String protocol,
      String budget,
      List<RecipeOutcome> recipes,
      List<MeasureVerdict> measures,
      List<ClaimVerdict> claims) {
    public ProtocolVerdict {
      recipes = List.copyOf(recipes);
      measures = List.copyOf(measures);
      claims = List.copyOf(claims);
    }
  }

  /**
   * How a recipe's runs ended under one protocol.
   *
   * @param recipe the recipe
   * @param runs usable runs (seeds)
   * @param trainLoss training loss reached, mean over runs
   * @param testAccuracy test accuracy, mean over runs
   * @param generalizationGap gap, mean over runs
   */
  public record RecipeOutcome(
      String recipe, int runs, double trainLoss, double testAccuracy, double generalizationGap) {}

  /**
   * One measure under one protocol.
   *
   * @param measure the measure's key
   * @param label its short name
   * @param definition what it is
   * @param recipes each recipe's values over seeds
   * @param comparisons recipe pairs tested
   * @param pairs every pair's Welch test, raw and Holm-adjusted p-values
   * @param supported the orderings significant after Holm, flatter first
   * @param withGap Kendall's tau between the measure and the generalization gap, over all runs
   * @param withNoiseScale Kendall's tau between the measure and learning rate / batch size
   */
  public record MeasureVerdict(
      String measure,
      String label,
      String definition,
      List<RecipeValues> recipes,
      int comparisons,
      List<PairTest> pairs,
      List<SupportedOrdering> supported,
      Correlation withGap,
      Correlation withNoiseScale) {
    public MeasureVerdict {
      recipes = List.copyOf(recipes);
      pairs = List.copyOf(pairs);
      supported = List.copyOf(supported);
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
   * Welch's test between two recipes.
   *
   * @param first one recipe
   * @param second the other
   * @param firstMean its mean
   * @param secondMean the other's mean
   * @param pValue two-sided p-value (null when not tested)
   * @param holmPValue after Holm's correction over the measure's pairs (null when not tested)
   * @param notTestedBecause why the pair was not tested: {@code single_value} or {@code non_finite}
   */
  public record PairTest(
      String first,
      String second,
      double firstMean,
      double secondMean,
      @JsonProperty("p_value") Double pValue,
      @JsonProperty("holm_p_value") Double holmPValue,
      String notTestedBecause) {}

  /**
   * An ordering significant after Holm's correction.
   *
   * @param flatter the recipe with the lower mean
   * @param sharper the recipe with the higher mean
   * @param holmPValue the adjusted p-value
   */
  public record SupportedOrdering(
      String flatter, String sharper, @JsonProperty("holm_p_value") double holmPValue) {}

  /**
   * Kendall's tau over runs, with its permutation p-value and bootstrap interval.
   *
   * @param tau Kendall's tau-b (null when undefined)
   * @param ci95Low 2.5% bootstrap percentile
   * @param ci95High 97.5% bootstrap percentile
   * @param pValue two-sided permutation p-value
   * @param n runs
   * @param resamples permutations and bootstrap resamples
   * @param undefinedBecause why there is no estimate ({@code too_few_runs}, {@code constant})
   */
  public record Correlation(
      Double tau,
      Double ci95Low,
      Double ci95High,
      @JsonProperty("p_value") Double pValue,
      int n,
      int resamples,
      String undefinedBecause) {}

  /**
   * One claim judged by one measure under one protocol.
   *
   * @param claim the claim
   * @param measure the measure's key
   * @param outcome supported, contradicted, not resolved or not applicable
   * @param evidence the numbers behind it, in one line
   */
  public record ClaimVerdict(Claim claim, String measure, Outcome outcome, String evidence) {}

  /**
   * A claim over all measures and protocols.
   *
   * @param claim the claim
   * @param statement the claim in words
   * @param supported cells (measure x protocol) that support it
   * @param contradicted cells that contradict it
   * @param notResolved cells that leave it open
   * @param notApplicable cells where it does not apply
   */
  public record ClaimTally(
      Claim claim,
      String statement,
      int supported,
      int contradicted,
      int notResolved,
      int notApplicable) {}
}
