package org.losslandscape.pipeline.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.losslandscape.pipeline.summary.OverSeedsSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;
import org.losslandscape.pipeline.summary.SharpnessSummary;

/**
 * A recipe's slice sharpness at one radius as the page states it: over training seeds when the
 * recipe has several ({@code over_seeds}), else over the direction pairs of its one seed ({@code
 * sharpness.slice_over_pairs}), with the JSON pointer of the entry it was read from.
 *
 * @param pointer JSON pointer of the entry in summary.json (its fields are {@code mean}, {@code
 *     ci95_low}, {@code ci95_high})
 * @param over what the interval is over
 * @param mean the mean (may be non-finite)
 * @param ci95Low lower end of the 95% interval, null when there is none
 * @param ci95High upper end, null when there is none
 * @param noIntervalBecause why there is no interval, if there is none
 * @param n values the mean is over
 */
public record SharpnessEntry(
    String pointer,
    Over over,
    double mean,
    Double ci95Low,
    Double ci95High,
    String noIntervalBecause,
    int n) {

  /** What an interval is taken over. */
  public enum Over {
    /** The direction pairs of one training seed. */
    DIRECTION_PAIRS("direction pairs of one training seed"),
    /** Training seeds, each seed's value its mean over direction pairs. */
    TRAINING_SEEDS("training seeds");

    private final String words;

    Over(String words) {
      this.words = words;
    }

    /** In words, for captions. */
    public String words() {
      return words;
    }
  }

  /** The entry of the recipe at {@code index} of the summary, at radius key {@code eps}. */
  public static Optional<SharpnessEntry> of(RecipeSummary recipe, int index, String eps) {
    String base = "/configs/" + index;
    OverSeedsSummary seeds = recipe.overSeeds();
    if (seeds != null && seeds.sliceSharpness() != null) {
      OverSeedsSummary.SharpnessOverSeeds s = seeds.sliceSharpness().get(eps);
      return Optional.ofNullable(s)
          .map(
              v ->
                  new SharpnessEntry(
                      base + "/over_seeds/slice_sharpness/" + Pointers.escape(eps),
                      Over.TRAINING_SEEDS,
                      v.mean(),
                      v.ci95Low(),
                      v.ci95High(),
                      v.noIntervalBecause(),
                      v.n()));
    }
    SharpnessSummary sharpness = recipe.sharpness();
    if (sharpness == null || sharpness.sliceOverPairs() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(sharpness.sliceOverPairs().get(eps))
        .map(
            v ->
                new SharpnessEntry(
                    base + "/sharpness/slice_over_pairs/" + Pointers.escape(eps),
                    Over.DIRECTION_PAIRS,
                    v.mean(),
                    v.ci95Low(),
                    v.ci95High(),
                    v.noIntervalBecause(),
                    v.n()));
  }

  /** The radius keys of the summary's recipes ({@code "0.1"}, ...), in the order first seen. */
  public static List<String> radii(List<RecipeSummary> recipes) {
    Set<String> keys = new LinkedHashSet<>();
    for (RecipeSummary r : recipes) {
      if (r.sharpness() != null && r.sharpness().sliceOverPairs() != null) {
        keys.addAll(r.sharpness().sliceOverPairs().keySet());
      }
    }
    return new ArrayList<>(keys);
  }

  /** True when the entry has a 95% interval. */
  public boolean hasInterval() {
    return ci95Low != null && ci95High != null;
  }
}
