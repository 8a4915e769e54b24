package org.losslandscape.models.training;

/**
 * Receives progress from the training of one stack of models, e.g. to show it. Methods default to
 * doing nothing.
 */
public interface StackListener {

  /**
   * Called every few hundred steps.
   *
   * @param step steps the stack has done
   * @param plannedSteps the stack's planned steps (the cap, for a target loss)
   * @param training models still training
   * @param models models in the stack
   * @param meanMinibatchLoss the mean of the training models' latest minibatch losses
   */
  default void onProgress(
      long step, long plannedSteps, int training, int models, double meanMinibatchLoss) {}

  /** Called after each evaluation of a training model on the training set. */
  default void onEvaluation(TrainingConfig config, EpochRecord record) {}

  /** Called when a model stops (completed, diverged or out of steps), with its result. */
  default void onStopped(TrainingResult result) {}

  /** A listener that ignores everything. */
  StackListener NONE = new StackListener() {};
}
