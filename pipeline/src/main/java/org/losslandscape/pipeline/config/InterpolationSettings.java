package org.losslandscape.pipeline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.losslandscape.models.interpolation.InterpolationRange;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;

/**
 * Whether and how the study walks the straight line between pairs of minima (Goodfellow et al.
 * 2015; Keskar et al. 2017, figure 3).
 *
 * @param enabled evaluate the lines at all
 * @param range the values of t
 * @param pairs the recipe pairs to join; empty means the default pairs ({@link #pairsFor})
 */
public record InterpolationSettings(
    boolean enabled, InterpolationRange range, List<RecipePair> pairs) {

  public InterpolationSettings {
    Objects.requireNonNull(range, "range");
    pairs = List.copyOf(pairs);
  }

  /** Off; when on, t from -0.5 to 1.5 in steps of 0.05 and the default pairs. */
  public static InterpolationSettings defaults() {
    return new InterpolationSettings(false, InterpolationRange.defaults(), List.of());
  }

  /**
   * The pairs to join among {@code recipes}: the ones asked for, or by default, for every learning
   * rate (and optimizer and schedule, when recipes name their own), its smallest batch (t = 0)
   * against its largest batch (t = 1), in study order. Recipes are chosen by their hyperparameters,
   * not their names; a group with a single batch size gives no pair.
   *
   * @throws IllegalArgumentException when an asked-for pair names a recipe not in {@code recipes}
   */
  public List<RecipePair> pairsFor(List<Recipe> recipes) {
    List<String> names = recipes.stream().map(Recipe::name).toList();
    if (!pairs.isEmpty()) {
      for (RecipePair pair : pairs) {
        for (String name : List.of(pair.from(), pair.to())) {
          if (!names.contains(name)) {
            throw new IllegalArgumentException(
                "interpolation pair "
                    + pair.label()
                    + " names unknown recipe '"
                    + name
                    + "' (known: "
                    + String.join(", ", names)
                    + ")");
          }
        }
      }
      return pairs;
    }
    Map<SameButBatch, List<Recipe>> groups = new LinkedHashMap<>();
    for (Recipe recipe : recipes) {
      groups
          .computeIfAbsent(
              new SameButBatch(recipe.learningRate(), recipe.optimizer(), recipe.schedule()),
              r -> new ArrayList<>())
          .add(recipe);
    }
    List<RecipePair> chosen = new ArrayList<>();
    for (List<Recipe> sameRate : groups.values()) {
      Recipe small = sameRate.get(0);
      Recipe large = sameRate.get(0);
      for (Recipe r : sameRate) {
        small = r.batchSize() < small.batchSize() ? r : small;
        large = r.batchSize() > large.batchSize() ? r : large;
      }
      if (small.batchSize() != large.batchSize()) {
        chosen.add(new RecipePair(small.name(), large.name()));
      }
    }
    return chosen;
  }

  /** What two recipes must share to be compared by their batch size alone. */
  private record SameButBatch(
      double learningRate,
      Optional<Optimizer> optimizer,
      Optional<LearningRateSchedule> schedule) {}
}
