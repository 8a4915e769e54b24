package org.losslandscape.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;

/**
 * Everything one study produced, handed to the report and plot stages. Models and landscapes are
 * joined by their {@link RunId}.
 *
 * @param data the data used
 * @param recipes the recipes, in study order
 * @param models every trained run (all seeds of every recipe), diverged ones included
 * @param landscapes the slices of the usable runs
 * @param samples the examples the slices were evaluated on
 * @param rawSlice the first model sliced with raw directions (for the raw-vs-filter figure), if
 *     computed
 * @param measures the measures beyond the slices of the usable runs (empty when none were asked)
 */
public record StudyResults(
    PreparedData data,
    List<Recipe> recipes,
    List<TrainedModel> models,
    List<ModelLandscape> landscapes,
    LandscapeSamples samples,
    Optional<LandscapeGrid> rawSlice,
    List<RunMeasures> measures) {

  public StudyResults {
    recipes = List.copyOf(recipes);
    models = List.copyOf(models);
    landscapes = List.copyOf(landscapes);
    measures = List.copyOf(measures);
  }

  /** The measures of {@code run} beyond its slices, if any were computed. */
  public Optional<RunMeasures> measuresOf(RunId run) {
    return measures.stream().filter(m -> m.run().equals(run)).findFirst();
  }

  /** The landscape of {@code run}, if it was sliced. */
  public Optional<ModelLandscape> landscapeOf(RunId run) {
    return landscapes.stream().filter(l -> l.run().equals(run)).findFirst();
  }

  /** Seeds and slices of every recipe with at least one sliced run, in study order. */
  public List<RecipeAggregate> aggregates() {
    List<RecipeAggregate> out = new ArrayList<>();
    for (Recipe recipe : recipes) {
      List<TrainedModel> runs =
          models.stream().filter(m -> m.run().recipe().equals(recipe.name())).toList();
      List<ModelLandscape> sliced =
          runs.stream().map(m -> landscapeOf(m.run())).flatMap(Optional::stream).toList();
      if (!sliced.isEmpty()) {
        out.add(new RecipeAggregate(recipe, runs, sliced));
      }
    }
    return out;
  }

  /** True when some run diverged. */
  public boolean anyDiverged() {
    return models.stream().anyMatch(m -> !m.usable());
  }
}
