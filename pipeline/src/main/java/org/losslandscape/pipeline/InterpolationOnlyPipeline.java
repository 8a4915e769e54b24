package org.losslandscape.pipeline;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.io.ResultsException;
import org.losslandscape.pipeline.stages.InterpolationStage;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.PairInterpolation;
import org.losslandscape.pipeline.stages.PlotStage;
import org.losslandscape.pipeline.stages.PreparedData;
import org.losslandscape.pipeline.stages.ReportStage;
import org.losslandscape.pipeline.stages.StageTimer;

/**
 * The {@code interpolate} command: loads the data (standardized as the weights' provenance records,
 * when it does), walks the straight line between two saved models on the training and test sets,
 * draws {@code interpolation.png} and writes a summary.
 */
public final class InterpolationOnlyPipeline {

  private final OutputSettings output;
  private final StageTimer timer;
  private final LoadDataStage loadData;
  private final InterpolationStage interpolation;
  private final PlotStage plot;
  private final ReportStage report;

  @Inject
  public InterpolationOnlyPipeline(
      OutputSettings output,
      StageTimer timer,
      LoadDataStage loadData,
      InterpolationStage interpolation,
      PlotStage plot,
      ReportStage report) {
    this.output = output;
    this.timer = timer;
    this.loadData = loadData;
    this.interpolation = interpolation;
    this.plot = plot;
    this.report = report;
  }

  /**
   * Refuses models (of one architecture, checked before) whose input or output width is not the
   * data's, in one line, before TensorFlow would fail on the first product.
   */
  private static void requireFits(Parameters model, Path source, PreparedData data) {
    int inputs = model.architecture().inputShape().size();
    int features = data.train().featureSize();
    int classes = Arrays.stream(data.train().labels()).max().orElse(0) + 1;
    if (inputs != features || model.architecture().classes() < classes) {
      throw new ResultsException(
          "the models in "
              + source
              + " and the other folder ("
              + model.architecture()
              + ") take "
              + inputs
              + " inputs and give "
              + model.architecture().classes()
              + " logits, but the data have "
              + features
              + " features and "
              + classes
              + " classes; interpolate them on data of their own shape");
    }
  }

  /**
   * The line from {@code a} (read from {@code fromDir}) to {@code b} (from {@code toDir}).
   *
   * @param preprocessing the standardization the weights were trained with, if recorded
   */
  public PairInterpolation run(
      String fromName,
      Path fromDir,
      Parameters a,
      String toName,
      Path toDir,
      Parameters b,
      Optional<Standardization> preprocessing) {
    PreparedData data = timer.time("load-data", () -> loadData.run(preprocessing));
    requireFits(a, fromDir, data);
    PairInterpolation pair =
        timer.time("interpolation", () -> interpolation.interpolate(fromName, a, toName, b, data));
    if (output.plots()) {
      timer.run("plot", () -> plot.interpolation(List.of(pair)));
    }
    report.writeInterpolated(fromDir, toDir, a.architecture(), pair, data, timer.seconds());
    return pair;
  }
}
