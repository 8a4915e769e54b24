package org.losslandscape.models.training;

import java.util.List;
import org.losslandscape.models.mlp.Parameters;

/**
 * What a training run produced.
 *
 * @param config the configuration trained
 * @param parameters the final weights; for a diverged run, the weights right after the diverging
 *     step
 * @param status how it ended
 * @param steps minibatch updates performed
 * @param epochs passes over the data performed (fractional when it ended mid-epoch)
 * @param curve training-set loss and accuracy after each epoch
 * @param seconds wall-clock training time
 * @param message why the run diverged or missed its target, else empty
 */
public record TrainingResult(
    TrainingConfig config,
    Parameters parameters,
    TrainingStatus status,
    long steps,
    double epochs,
    List<EpochRecord> curve,
    double seconds,
    String message) {

  public TrainingResult {
    curve = List.copyOf(curve);
  }
}
