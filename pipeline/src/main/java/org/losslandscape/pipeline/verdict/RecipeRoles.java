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

  private static Optional<Recipe> extreme(List<Recipe> recipes, boolean high) {
    if (recipes.size() < 2) {
      return Optional.empty();
    }
    double lr =
        high
            ? recipes.stream().mapToDouble(Recipe::learningRate).max().orElseThrow()
            : recipes.stream().mapToDouble(Recipe::learningRate).min().orElseThrow();
    int batch =
        high
            ? recipes.stream().mapToInt(Recipe::batchSize).min().orElseThrow()
            : recipes.stream().mapToInt(Recipe::batchSize).max().orElseThrow();
    List<Recipe> matches =
        recipes.stream().filter(r -> r.learningRate() == lr && r.batchSize() == batch).toList();
    // With sam_* or cosine_* variants in the study, the role belongs to the plain recipe.
    return matches.stream()
        .min(
            Comparator.comparing(
                    (Recipe r) -> r.optimizer().isPresent() || r.schedule().isPresent())
                .thenComparing(Recipe::name));
  }
}
