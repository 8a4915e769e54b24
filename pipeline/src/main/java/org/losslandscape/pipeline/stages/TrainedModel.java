package org.losslandscape.pipeline.stages;

import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;

/**
 * One trained run of a recipe with its final numbers.
 *
 * @param run which recipe and seed
 * @param recipe the recipe's hyperparameters
 * @param training what training produced (weights, curve, status)
 * @param train loss and accuracy on the full training set (null if training diverged)
 * @param test loss and accuracy on the test set (null if training diverged)
 * @param fromCache true when the weights were reused from the cache instead of trained now
 * @param effectiveBatchSize the batch size training really used: the recipe's, or the number of
 *     training examples when the recipe asked for more
 */
public record TrainedModel(
    RunId run,
    Recipe recipe,
    TrainingResult training,
    Metrics train,
    Metrics test,
    boolean fromCache,
    int effectiveBatchSize) {

  /** True when the model finished with usable weights (not diverged). */
  public boolean usable() {
    return train != null;
  }

  /** Test loss minus training loss. */
  public double generalizationGap() {
    return test.loss() - train.loss();
  }

  /** The weights with their identity, for slicing. */
  public WeightsToSlice weights() {
    return new WeightsToSlice(run, training.parameters());
  }
}
