package org.losslandscape.models.training;

import java.util.List;
import org.losslandscape.models.mlp.Parameters;

/**
 * What a training run produced.
 *
 * @param config the configuration trained
 * @param parameters the final weights. For a diverged run, the weights at the end of the {@code
 *     Session.run} whose steps included the diverging one: the trainer checks losses once per run
 *     of up to {@link SgdTrainer#stepsPerRun()} steps, so these can be up to that many minus one
 *     updates past the first loss over the limit (often NaN by then)
 * @param status how it ended
 * @param steps minibatch updates performed
 * @param epochs passes over the data performed (fractional when it ended mid-epoch)
 * @param curve training-set loss and accuracy after each epoch
 * @param seconds wall-clock training time
 * @param message why the run diverged or missed its target, else empty
 * @param checkpoints the weights at evenly spaced steps when {@link TrainingConfig#checkpoints()}
 *     asked for them, else empty. The spacing is planned over the budget's steps (the step cap for
 *     a target loss); the first is the initial weights and the last is always {@link
 *     #parameters()}, also when the run stopped before its planned end
 */
public record TrainingResult(
    TrainingConfig config,
    Parameters parameters,
    TrainingStatus status,
    long steps,
    double epochs,
    List<EpochRecord> curve,
    double seconds,
    String message,
    List<Checkpoint> checkpoints) {

  /** A result without checkpoints, e.g. one read back from stored weights. */
  public TrainingResult(
      TrainingConfig config,
      Parameters parameters,
      TrainingStatus status,
      long steps,
      double epochs,
      List<EpochRecord> curve,
      double seconds,
      String message) {
    this(config, parameters, status, steps, epochs, curve, seconds, message, List.of());
  }

  public TrainingResult {
    curve = List.copyOf(curve);
    checkpoints = List.copyOf(checkpoints);
  }
}
