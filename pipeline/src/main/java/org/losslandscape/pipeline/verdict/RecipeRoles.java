package org.losslandscape.pipeline.verdict;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.losslandscape.pipeline.config.Recipe;

/**
 * Which recipe plays which role in the claims, read off the hyperparameters rather than the names
 * (so a sweep or renamed recipes are judged the same way).
 */
final class RecipeRoles {

  private RecipeRoles() {}

  /** The recipe with the largest learning rate and the smallest batch, if one has both. */
  static Optional<Recipe> highLrSmallBatch(List<Recipe> recipes) {
    return extreme(recipes, true);
  }

  /** The recipe with the smallest learning rate and the largest batch, if one has both. */
  static Optional<Recipe> lowLrLargeBatch(List<Recipe> recipes) {
    return extreme(recipes, false);
  }

  /**
   * Why no single recipe can play the roles, if so: when the settings that share the extreme
   * learning rate and batch size also differ in another axis than the optimizer or the schedule
   * (width, depth, weight decay, ... in a sweep), "the high-LR small-batch recipe" is several
   * settings, and comparing one of them with every other setting would mix in those axes.
   */
  static Optional<String> whyNoSingleRole(List<Recipe> recipes) {
    for (boolean high : new boolean[] {true, false}) {
      List<Recipe> matches = matching(recipes, high);
      java.util.Set<String> differing = new java.util.TreeSet<>();
      for (Recipe a : matches) {
        for (Recipe b : matches) {
          a.hyperparameters()
              .forEach(
                  (axis, value) -> {
                    if (!OWN_VARIANTS.contains(axis)
                        && !value.equals(b.hyperparameters().get(axis))) {
                      differing.add(axis);
                    }
                  });
        }
      }
      if (!differing.isEmpty()) {
        return Optional.of(
            matches.size()
                + " settings share the "
                + (high
                    ? "largest learning rate and smallest batch"
                    : "smallest learning rate" + " and largest batch")
                + " and differ in "
                + String.join(", ", differing)
                + ", so no one setting plays the role; how each axis orders the measure is Psi"
                + " per axis in the table of how well each measure predicts generalization");
      }
    }
    return Optional.empty();
  }

  /** Axes in which a recipe's own variants (sam_*, cosine_*) differ from the plain recipe. */
  private static final java.util.Set<String> OWN_VARIANTS =
      java.util.Set.of("lr", "batch", "optimizer", "schedule");

  private static List<Recipe> matching(List<Recipe> recipes, boolean high) {
    if (recipes.size() < 2) {
      return List.of();
    }
    double lr =
        high
            ? recipes.stream().mapToDouble(Recipe::learningRate).max().orElseThrow()
            : recipes.stream().mapToDouble(Recipe::learningRate).min().orElseThrow();
    int batch =
        high
            ? recipes.stream().mapToInt(Recipe::batchSize).min().orElseThrow()
            : recipes.stream().mapToInt(Recipe::batchSize).max().orElseThrow();
    return recipes.stream().filter(r -> r.learningRate() == lr && r.batchSize() == batch).toList();
  }

  private static Optional<Recipe> extreme(List<Recipe> recipes, boolean high) {
    List<Recipe> matches = matching(recipes, high);
    // With sam_* or cosine_* variants in the study, the role belongs to the plain recipe.
    return matches.stream()
        .min(
            Comparator.comparing(
                    (Recipe r) -> r.optimizer().isPresent() || r.schedule().isPresent())
                .thenComparing(Recipe::name));
  }
}
