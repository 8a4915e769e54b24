package org.losslandscape.pipeline.stages;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingListener;
import org.losslandscape.pipeline.progress.Progress;
import org.losslandscape.pipeline.progress.ProgressTask;

/**
 * Shows one training run: steps done with the latest minibatch loss (as the bar or as periodic log
 * lines), and a log line after every epoch with the full training set's loss and accuracy.
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(TrainStage.class);

  private final ProgressTask task;

  /** Starts the task of a run of {@code plannedSteps} steps (the cap, for a target loss). */
  TrainingProgress(Progress progress, String label, long plannedSteps) {
    this.task = progress.start(label, plannedSteps, "step");
  }

  @Override
  public void onProgress(
      TrainingConfig config, long step, long plannedSteps, double minibatchLoss) {
    task.update(step, "minibatch loss " + f4(minibatchLoss));
  }

  @Override
  public void onEpoch(TrainingConfig config, EpochRecord record) {
    task.update(record.step(), "train loss " + f4(record.loss()));
    task.log(
        () ->
            LOG.info(
                "{}: epoch {} step {}: train loss {} acc {}",
                config.name(),
                String.format(Locale.ROOT, "%.2f", record.epoch()),
                record.step(),
                f4(record.loss()),
                f4(record.accuracy())));
  }

  @Override
  public void close() {
    task.close();
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
