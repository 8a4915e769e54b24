package org.losslandscape.pipeline.results;

import java.util.List;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.TrainingResult;

/**
 * How a training run went, as kept next to cached weights ({@code training.json}).
 *
 * @param status {@code completed}, {@code target_not_reached} or {@code diverged}
 * @param steps minibatch updates
 * @param epochs passes over the data
 * @param seconds wall-clock training time
 * @param message why the run diverged or missed its target, else empty
 * @param curve training-set loss and accuracy after each epoch
 */
public record TrainingRecord(
    String status,
    long steps,
    double epochs,
    double seconds,
    String message,
    List<EpochRecord> curve) {

  public TrainingRecord {
    curve = List.copyOf(curve);
  }

  /** The record of {@code result}. */
  public static TrainingRecord of(TrainingResult result) {
    return new TrainingRecord(
        result.status().label(),
        result.steps(),
        result.epochs(),
        result.seconds(),
        result.message(),
        result.curve());
  }
}
