package org.losslandscape.pipeline.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.stages.ModelLandscape;
import org.losslandscape.pipeline.stages.RunMeasures;
import org.losslandscape.pipeline.stages.TrainedModel;

/**
 * What one sweep task produced, in plain values (no TensorFlow object), so that it can travel back
 * from a Spark executor and be stored as the task's {@code tasks/<id>.json}. The weights themselves
 * are in the run's folder of the shared output, as in any study. The study's own value records
 * (metrics, the training curve) travel as they are; only what holds more than a task can send (the
 * training result holds the weights, a grid its spec) is carried as the values it is rebuilt from.
 *
 * @param task the task
 * @param fingerprint the hash of the settings it ran under ({@link SweepJob#fingerprint})
 * @param dataFingerprint the data's fingerprint, checked against the merging machine's data
 * @param device the device that ran it, {@code cpu} or {@code cuda}
 * @param ranOn where it ran: thread or Spark executor, host and process
 * @param seconds the task's wall-clock time, data loading and figures included
 * @param resumed true when this run found the task finished by an earlier run and skipped it
 * @param training how training went
 * @param train loss and accuracy on the full training set (null when training diverged)
 * @param test loss and accuracy on the test set (null when training diverged)
 * @param slices one grid per direction pair, first pair first (empty when training diverged)
 * @param sharpness slice sharpness per radius, mean over the direction pairs (empty when diverged)
 * @param measures the measures beyond the slices as {@link MeasuresCodec} writes them (null when
 *     none were asked for, or training diverged)
 */
public record SweepTaskResult(
    SweepTask task,
    String fingerprint,
    String dataFingerprint,
    String device,
    String ranOn,
    double seconds,
    boolean resumed,
    TrainingOutcome training,
    Metrics train,
    Metrics test,
    List<SliceValues> slices,
    List<SharpnessValue> sharpness,
    String measures)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public SweepTaskResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(training, "training");
    slices = List.copyOf(slices);
    sharpness = List.copyOf(sharpness);
  }

  /**
   * How training ended.
   *
   * @param status completed, target not reached or diverged
   * @param steps minibatch updates
   * @param epochs passes over the data
   * @param seconds training time (of the run that trained the weights, when they were cached)
   * @param message why it diverged or missed its target, else empty
   * @param fromCache the weights came from the weights cache
   * @param effectiveBatchSize the batch size really used
   * @param curve training loss and accuracy after each epoch
   */
  public record TrainingOutcome(
      TrainingStatus status,
      long steps,
      double epochs,
      double seconds,
      String message,
      boolean fromCache,
      int effectiveBatchSize,
      List<EpochRecord> curve)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrainingOutcome {
      curve = List.copyOf(curve);
    }
  }

  /**
   * One slice: loss and accuracy on the grid, first axis alpha.
   *
   * @param loss mean cross-entropy at each grid point
   * @param accuracy accuracy at each grid point
   * @param samples examples per point
   * @param diskSharpness slice sharpness at each of the study's radii, the maximum over the disk on
   *     the plane (which the driver, holding only the grid, cannot measure again)
   */
  public record SliceValues(
      double[][] loss, double[][] accuracy, int samples, double[] diskSharpness)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Slice sharpness at one radius.
   *
   * @param epsilon the radius, in direction units
   * @param mean the mean over the direction pairs
   */
  public record SharpnessValue(double epsilon, double mean) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The result of a task that trained {@code model} and sliced it as {@code landscape}. */
  static SweepTaskResult of(
      SweepTask task,
      String fingerprint,
      String dataFingerprint,
      String device,
      String ranOn,
      double seconds,
      TrainedModel model,
      ModelLandscape landscape,
      RunMeasures measured) {
    TrainingResult t = model.training();
    TrainingOutcome training =
        new TrainingOutcome(
            t.status(),
            t.steps(),
            t.epochs(),
            t.seconds(),
            t.message(),
            model.fromCache(),
            model.effectiveBatchSize(),
            t.curve());
    List<SliceValues> slices = new ArrayList<>();
    List<SharpnessValue> sharpness = new ArrayList<>();
    if (landscape != null) {
      for (int p = 0; p < landscape.grids().size(); p++) {
        LandscapeGrid g = landscape.grids().get(p);
        double[] disk =
            landscape.sharpness().get(p).values().stream()
                .mapToDouble(SliceSharpness.Value::value)
                .toArray();
        slices.add(new SliceValues(g.loss(), g.accuracy(), g.samples(), disk));
      }
      for (SharpnessReport.Entry e : landscape.report().entries()) {
        sharpness.add(new SharpnessValue(e.epsilon(), e.interval().mean()));
      }
    }
    return new SweepTaskResult(
        task,
        fingerprint,
        dataFingerprint,
        device,
        ranOn,
        seconds,
        false,
        training,
        model.usable() ? model.train() : null,
        model.usable() ? model.test() : null,
        slices,
        sharpness,
        measured == null ? null : MeasuresCodec.encode(measured));
  }

  /** The same result, marked as found finished by an earlier run. */
  public SweepTaskResult asResumed() {
    return new SweepTaskResult(
        task,
        fingerprint,
        dataFingerprint,
        device,
        ranOn,
        seconds,
        true,
        training,
        train,
        test,
        slices,
        sharpness,
        measures);
  }

  /** The measures beyond the slices the task computed, if any. */
  public Optional<RunMeasures> toRunMeasures() {
    return measures == null ? Optional.empty() : Optional.of(MeasuresCodec.decode(measures));
  }

  /** True when training did not diverge and the model was sliced. */
  public boolean usable() {
    return train != null;
  }

  /** The trained model as the study's stages know it, with the weights read back from disk. */
  public TrainedModel toTrainedModel(TrainingSettings settings, Parameters weights) {
    TrainingResult result =
        new TrainingResult(
            settings.configFor(task.run()),
            weights,
            training.status(),
            training.steps(),
            training.epochs(),
            training.curve(),
            training.seconds(),
            training.message());
    return new TrainedModel(
        task.run(),
        settings.recipe(task.run()),
        result,
        train,
        test,
        training.fromCache(),
        training.effectiveBatchSize());
  }

  /**
   * The model's slices as the study's stages know them: the grids and their sharpness on the disk
   * as computed by the task (the grid's own values measured again by the same code), and the first
   * direction pair drawn again from its seed (directions depend only on the weights and the seed).
   */
  public ModelLandscape toModelLandscape(SliceSettings settings, Parameters weights) {
    if (!usable()) {
      throw new IllegalStateException(task.id() + " diverged and has no landscape");
    }
    List<LandscapeGrid> grids = new ArrayList<>();
    List<SliceSharpness> perPair = new ArrayList<>();
    for (SliceValues s : slices) {
      LandscapeGrid grid = new LandscapeGrid(settings.grid(), s.loss(), s.accuracy(), s.samples());
      grids.add(grid);
      perPair.add(SliceSharpness.onDisk(grid, settings.radii(), s.diskSharpness()));
    }
    DirectionSpec first = settings.directions(0);
    return new ModelLandscape(
        task.run(), RandomDirections.draw(weights, first), grids, SharpnessReport.of(perPair));
  }
}
