package org.losslandscape.pipeline.summary;

import java.util.List;

/**
 * The orderings the intervals support at one radius.
 *
 * @param intervalsOver what the intervals are over: {@code direction_pairs} or {@code
 *     training_seeds}
 * @param rule when an ordering is stated
 * @param comparisons recipe pairs compared
 * @param separated the pairs whose intervals do not overlap, flatter first
 * @param notCompared the pairs that could not be compared, and why
 */
public record OrderingSummary(
    String intervalsOver,
    String rule,
    int comparisons,
    List<Ordered> separated,
    List<Skipped> notCompared) {

  /** The rule every study applies. */
  public static final String RULE =
      "an ordering is listed only when the two 95% intervals come from the same source, each holds"
          + " more than one finite value, and they do not overlap";

  public OrderingSummary {
    separated = List.copyOf(separated);
    notCompared = List.copyOf(notCompared);
  }

  /**
   * A supported ordering.
   *
   * @param flatter the recipe with lower sharpness
   * @param sharper the recipe with higher sharpness
   */
  public record Ordered(String flatter, String sharper) {}

  /**
   * A pair not compared.
   *
   * @param first one recipe
   * @param second the other
   * @param reason {@code different_interval_sources}, {@code single_value} or {@code non_finite}
   */
  public record Skipped(String first, String second, String reason) {}
}
