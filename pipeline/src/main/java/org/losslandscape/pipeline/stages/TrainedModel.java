package org.losslandscape.pipeline.stages;

import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.pipeline.config.RunConfig;

/**
 * One trained run of a configuration with its final numbers.
 *
 * @param config the recipe
 * @param seed the training seed of this run
 * @param folder where its results go, relative to the output folder: the config's name for the
 *     first seed, {@code <name>/seed-<seed>} for the others
 * @param training what training produced (weights, curve, status)
 * @param train loss and accuracy on the full training set (null if training diverged)
 * @param test loss and accuracy on the test set (null if training diverged)
 * @param fromCache true when the weights were reused from the cache instead of trained now
 */
public record TrainedModel(
    RunConfig config,
    long seed,
    String folder,
    TrainingResult training,
    Metrics train,
    Metrics test,
    boolean fromCache) {

  /** True when the model finished with usable weights (not diverged). */
  public boolean usable() {
    return train != null;
  }

  /** True for the first seed of its config, the run the figures show. */
  public boolean primary() {
    return folder.equals(config.name());
  }

  /** Test loss minus training loss. */
  public double generalizationGap() {
    return test.loss() - train.loss();
  }

  /** The weights with their name and folder, for slicing. */
  public NamedWeights weights() {
    return new NamedWeights(config.name(), folder, training.parameters());
  }
}
