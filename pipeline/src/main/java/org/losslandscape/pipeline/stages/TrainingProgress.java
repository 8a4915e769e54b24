package org.losslandscape.pipeline.stages;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.StackListener;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.pipeline.progress.Progress;
import org.losslandscape.pipeline.progress.ProgressTask;

/**
 * Shows the training of every stack as one task counted in model-steps (a stack's step is one step
 * of each of its models still training), with how many models are training and done, and a log line
 * for every model's evaluation on the training set and for every model that stops. Stacks train on
 * several lanes at once, so every report is synchronized.
 */
final class TrainingProgress implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(TrainStage.class);

  private final ProgressTask task;
  private final int models;
  private final int stacks;
  private final int lanes;
  private long modelSteps;
  private int stopped;

  /**
   * @param plannedModelSteps the sum over stacks of their models times their planned steps
   */
  TrainingProgress(Progress progress, long plannedModelSteps, int models, int stacks, int lanes) {
    this.task = progress.start("training", plannedModelSteps, "model-step");
    this.models = models;
    this.stacks = stacks;
    this.lanes = lanes;
  }

  /** A listener for one stack of {@code size} models. */
  StackListener forStack(int size) {
    return new StackListener() {
      private long lastStep;

      @Override
      public void onProgress(
          long step, long plannedSteps, int training, int models, double meanMinibatchLoss) {
        advance((step - lastStep) * training, meanMinibatchLoss);
        lastStep = step;
      }

      @Override
      public void onEvaluation(TrainingConfig config, EpochRecord record) {
        log(
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
      public void onStopped(TrainingResult result) {
        stopped(result);
      }
    };
  }

  private synchronized void advance(long steps, double meanMinibatchLoss) {
    modelSteps += steps;
    task.update(modelSteps, detail() + ", minibatch loss " + f4(meanMinibatchLoss));
  }

  private synchronized void stopped(TrainingResult result) {
    stopped++;
    task.update(modelSteps, detail());
  }

  private synchronized void log(Runnable line) {
    task.log(line);
  }

  private String detail() {
    return String.format(
        Locale.ROOT,
        "%d of %d models done (%d stack%s, %d lane%s)",
        stopped,
        models,
        stacks,
        stacks == 1 ? "" : "s",
        lanes,
        lanes == 1 ? "" : "s");
  }

  @Override
  public synchronized void close() {
    task.close();
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
