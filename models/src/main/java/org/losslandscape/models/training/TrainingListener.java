package org.losslandscape.models.training;

/** Receives progress from a training run, e.g. to log it. Methods default to doing nothing. */
public interface TrainingListener {

  /** Called every few hundred steps with the latest minibatch loss. */
  default void onProgress(
      TrainingConfig config, long step, long plannedSteps, double minibatchLoss) {}

  /** Called after every epoch's evaluation on the full training set. */
  default void onEpoch(TrainingConfig config, EpochRecord record) {}

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};
}
