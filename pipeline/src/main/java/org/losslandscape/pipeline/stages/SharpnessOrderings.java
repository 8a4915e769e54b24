package org.losslandscape.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * The "A is flatter than B" statements the intervals support at one radius, and the pairs that
 * could not be compared, with why. An ordering is stated only when both recipes' 95% intervals come
 * from the same source, hold more than one value, are finite, and do not overlap.
 *
 * @param epsilon the radius
 * @param comparisons how many recipe pairs were compared
 * @param separated the supported orderings
 * @param notCompared the pairs that were not compared, with the reason
 */
public record SharpnessOrderings(
    double epsilon, int comparisons, List<Ordering> separated, List<NotCompared> notCompared) {

  public SharpnessOrderings {
    separated = List.copyOf(separated);
    notCompared = List.copyOf(notCompared);
  }

  /**
   * One supported ordering.
   *
   * @param flatter the recipe with the lower sharpness
   * @param sharper the recipe with the higher sharpness
   */
  public record Ordering(String flatter, String sharper) {}

  /**
   * A pair of recipes that was not compared.
   *
   * @param first one recipe
   * @param second the other
   * @param reason why
   */
  public record NotCompared(String first, String second, Reason reason) {}

  /** Why two recipes were not compared. */
  public enum Reason {
    /** One interval is over direction pairs and the other over training seeds. */
    DIFFERENT_INTERVAL_SOURCES,
    /** One recipe has a single value: no interval. */
    SINGLE_VALUE,
    /** A sharpness value is infinite or NaN (a ball reached a diverged region). */
    NON_FINITE;

    /** The lower-case name written to result files. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Compares every pair of {@code aggregates} at {@code epsilon}. */
  public static SharpnessOrderings at(List<RecipeAggregate> aggregates, double epsilon) {
    List<Ordering> separated = new ArrayList<>();
    List<NotCompared> notCompared = new ArrayList<>();
    int comparisons = 0;
    for (int i = 0; i < aggregates.size(); i++) {
      for (int j = i + 1; j < aggregates.size(); j++) {
        RecipeAggregate x = aggregates.get(i);
        RecipeAggregate y = aggregates.get(j);
        MeanInterval a = x.sharpness(epsilon);
        MeanInterval b = y.sharpness(epsilon);
        String nx = x.recipe().name();
        String ny = y.recipe().name();
        if (x.intervalSource() != y.intervalSource()) {
          notCompared.add(new NotCompared(nx, ny, Reason.DIFFERENT_INTERVAL_SOURCES));
        } else if (a.n() < 2 || b.n() < 2) {
          notCompared.add(new NotCompared(nx, ny, Reason.SINGLE_VALUE));
        } else if (!a.finite() || !b.finite()) {
          notCompared.add(new NotCompared(nx, ny, Reason.NON_FINITE));
        } else {
          comparisons++;
          if (a.separatedFrom(b)) {
            separated.add(a.mean() < b.mean() ? new Ordering(nx, ny) : new Ordering(ny, nx));
          }
        }
      }
    }
    return new SharpnessOrderings(epsilon, comparisons, separated, notCompared);
  }
}
