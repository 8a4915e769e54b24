package org.losslandscape.models.training;

import java.util.Objects;
import org.losslandscape.models.mlp.Parameters;

/**
 * One model a {@link StackedTrainer} trains: where it starts and how it is trained.
 *
 * @param initial the initial weights
 * @param config the learning rate, schedule, momentum, weight decay, optimizer, budget and seed
 */
public record ModelToTrain(Parameters initial, TrainingConfig config) {

  public ModelToTrain {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(config, "config");
  }

  /** What this model must share with every other model of its stack. */
  public StackKey stackKey() {
    return new StackKey(
        initial.architecture(),
        config.batchSize(),
        config.budget(),
        config.optimizer().kind(),
        config.trainExamples());
  }
}
