package org.losslandscape.pipeline.sweep;

import java.io.Serializable;
import java.util.List;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.TrainingSettings;

/**
 * One unit of a sweep: train one recipe with one seed, slice the minimum, measure its sharpness.
 *
 * @param recipe the recipe's name, e.g. {@code lr0.1_b32}
 * @param learningRate its learning rate
 * @param batchSize its batch size
 * @param seed the training seed
 * @param seedIndex 0 for the recipe's first seed, 1, 2, ... for the others
 */
public record SweepTask(String recipe, double learningRate, int batchSize, long seed, int seedIndex)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Every task of a study's runs, in study order (recipe by recipe, seed by seed). */
  public static List<SweepTask> all(TrainingSettings training) {
    return training.runs().stream()
        .map(
            run -> {
              Recipe r = training.recipe(run);
              return new SweepTask(
                  r.name(), r.learningRate(), r.batchSize(), run.seed(), run.seedIndex());
            })
        .toList();
  }

  /** {@code lr0.1_b32-seed42}: unique within a sweep, and a file name. */
  public String id() {
    return recipe + "-seed" + seed;
  }

  /** The run this task produces, as the rest of the pipeline names it. */
  public RunId run() {
    return new RunId(recipe, seed, seedIndex);
  }
}
