package org.losslandscape.pipeline;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.BatchNormMode;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.io.ResultsException;
import org.losslandscape.pipeline.stages.LandscapeSamples;
import org.losslandscape.pipeline.stages.LandscapeStage;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.ModelLandscape;
import org.losslandscape.pipeline.stages.PlotStage;
import org.losslandscape.pipeline.stages.PreparedData;
import org.losslandscape.pipeline.stages.ReportPageStage;
import org.losslandscape.pipeline.stages.ReportStage;
import org.losslandscape.pipeline.stages.StageTimer;
import org.losslandscape.pipeline.stages.WeightsToSlice;

/**
 * The {@code landscape} command: the study without training. Loads the data (standardized as the
 * weights' provenance records, when it does), evaluates the given weights, slices them, draws their
 * figures and writes a summary and the interactive page.
 */
public final class SliceOnlyPipeline {

  private final SliceSettings slice;
  private final OutputSettings output;
  private final StageTimer timer;
  private final LoadDataStage loadData;
  private final ExecutionSettings execution;
  private final LandscapeStage landscape;
  private final PlotStage plot;
  private final ReportStage report;
  private final ReportPageStage page;

  @Inject
  public SliceOnlyPipeline(
      SliceSettings slice,
      OutputSettings output,
      StageTimer timer,
      LoadDataStage loadData,
      ExecutionSettings execution,
      LandscapeStage landscape,
      PlotStage plot,
      ReportStage report,
      ReportPageStage page) {
    this.slice = slice;
    this.output = output;
    this.timer = timer;
    this.loadData = loadData;
    this.execution = execution;
    this.landscape = landscape;
    this.plot = plot;
    this.report = report;
    this.page = page;
  }

  /** Refuses a model whose input or output width is not the data's, in one line. */
  private static void requireFits(Parameters parameters, Path source, PreparedData data) {
    int inputs = parameters.architecture().inputShape().size();
    int features = data.train().featureSize();
    int classes = java.util.Arrays.stream(data.train().labels()).max().orElse(0) + 1;
    if (inputs != features || parameters.architecture().classes() < classes) {
      throw new ResultsException(
          "the model in "
              + source
              + " ("
              + parameters.architecture()
              + ") takes "
              + inputs
              + " inputs and gives "
              + parameters.architecture().classes()
              + " logits, but the data have "
              + features
              + " features and "
              + classes
              + " classes; slice it on data of its own shape");
    }
  }

  /**
   * Slices {@code parameters} (read from {@code source}) and files the results under {@code run}.
   *
   * @param preprocessing the standardization the weights were trained with, if recorded
   */
  public ModelLandscape run(
      RunId run, Path source, Parameters parameters, Optional<Standardization> preprocessing) {
    return run(run, source, parameters, preprocessing, false);
  }

  /**
   * As {@link #run(RunId, Path, Parameters, Optional)}; with {@code compareBatchNorm}, a network
   * with batch norm is also sliced along the same directions with batch norm in each mode and drawn
   * side by side ({@code bn_modes.png}).
   */
  public ModelLandscape run(
      RunId run,
      Path source,
      Parameters parameters,
      Optional<Standardization> preprocessing,
      boolean compareBatchNorm) {
    PreparedData data = timer.time("load-data", () -> loadData.run(preprocessing));
    requireFits(parameters, source, data);
    Metrics[] metrics =
        timer.time(
            "evaluate",
            () -> {
              try (MlpEvaluator evaluator =
                  new MlpEvaluator(parameters.architecture(), execution)) {
                return new Metrics[] {
                  evaluator.evaluate(parameters, data.train()),
                  evaluator.evaluate(parameters, data.test())
                };
              }
            });
    LandscapeSamples samples = LandscapeSamples.forStudy(slice, data);
    ModelLandscape sliced =
        timer.time(
            "landscape",
            () -> landscape.run(List.of(new WeightsToSlice(run, parameters)), samples).get(0));
    if (output.plots()) {
      timer.run("plot", () -> plot.perModel(sliced));
    }
    if (compareBatchNorm) {
      compareBatchNormModes(run, parameters, samples);
    }
    report.writeSliced(
        source.toAbsolutePath().toString(),
        parameters.architecture(),
        metrics[0],
        metrics[1],
        sliced,
        samples,
        data,
        timer.seconds());
    page.write();
    return sliced;
  }

  /** The slice in each batch-norm mode, under {@code <name>-<mode>/}, and their comparison. */
  private void compareBatchNormModes(RunId run, Parameters parameters, LandscapeSamples samples) {
    if (!(parameters.architecture() instanceof LayeredNetwork layered) || !layered.hasBatchNorm()) {
      throw new ResultsException(
          "--compare-bn-modes needs a network with batch norm; "
              + layered(parameters)
              + " has none");
    }
    LabeledData data = samples.data();
    float[] calibration = data.range(0, Math.min(512, data.count())).features();
    List<WeightsToSlice> byMode = new ArrayList<>();
    List<String> modes = new ArrayList<>();
    for (BatchNormMode mode : BatchNormMode.values()) {
      modes.add(mode.key());
      byMode.add(
          new WeightsToSlice(
              new RunId(run.recipe() + "-" + mode.key(), run.seed(), run.seedIndex()),
              new Parameters(
                  mode == BatchNormMode.FROZEN
                      ? layered
                      : layered.withBatchNormMode(mode, calibration),
                  parameters.tensors())));
    }
    List<ModelLandscape> sliced =
        timer.time("batch-norm modes", () -> landscape.run(byMode, samples));
    if (output.plots()) {
      timer.run("plot", () -> plot.batchNormModes(sliced, modes));
    }
  }

  private static String layered(Parameters parameters) {
    return parameters.architecture().toString();
  }
}
