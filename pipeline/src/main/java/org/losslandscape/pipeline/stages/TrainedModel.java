package org.losslandscape.pipeline.stages;

import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.pipeline.config.RunConfig;

/**
 * One trained configuration with its final numbers.
 *
 * @param config    the recipe
 * @param training  what training produced (weights, curve, status)
 * @param train     loss and accuracy on the full training set (null if training diverged)
 * @param test      loss and accuracy on the test set (null if training diverged)
 * @param fromCache true when the weights were reused from the cache instead of trained now
 */
public record TrainedModel(RunConfig config, TrainingResult training, Metrics train, Metrics test, boolean fromCache) {

    /** True when the model finished with usable weights (not diverged). */
    public boolean usable() {
        return train != null;
    }

    /** Test loss minus training loss. */
    public double generalizationGap() {
        return test.loss() - train.loss();
    }
}
