package org.losslandscape.pipeline;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.stages.LandscapeSamples;
import org.losslandscape.pipeline.stages.LandscapeStage;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.ModelLandscape;
import org.losslandscape.pipeline.stages.NamedWeights;
import org.losslandscape.pipeline.stages.PlotStage;
import org.losslandscape.pipeline.stages.PreparedData;
import org.losslandscape.pipeline.stages.ReportStage;
import org.losslandscape.pipeline.stages.StageTimer;

/**
 * The {@code landscape} command: the study without training. Loads the data, evaluates the given
 * weights, slices them, draws their figures and writes a summary.
 */
public final class SliceOnlyPipeline {

  private final StudyOptions options;
  private final StageTimer timer;
  private final LoadDataStage loadData;
  private final ExecutionSettings execution;
  private final LandscapeStage landscape;
  private final PlotStage plot;
  private final ReportStage report;

  @Inject
  public SliceOnlyPipeline(
      StudyOptions options,
      StageTimer timer,
      LoadDataStage loadData,
      ExecutionSettings execution,
      LandscapeStage landscape,
      PlotStage plot,
      ReportStage report) {
    this.options = options;
    this.timer = timer;
    this.loadData = loadData;
    this.execution = execution;
    this.landscape = landscape;
    this.plot = plot;
    this.report = report;
  }

  /**
   * Slices {@code parameters} (read from {@code source}) and files the results under {@code name}.
   */
  public ModelLandscape run(String name, Path source, Parameters parameters) {
    PreparedData data = timer.time("load-data", loadData::run);
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
    LandscapeSamples samples = LandscapeSamples.forStudy(options, data);
    ModelLandscape sliced =
        timer.time(
            "landscape",
            () -> landscape.run(List.of(new NamedWeights(name, name, parameters)), samples).get(0));
    if (options.plots()) {
      timer.run("plot", () -> plot.perModel(sliced));
    }
    report.writeSliced(
        source.toAbsolutePath().toString(),
        metrics[0],
        metrics[1],
        sliced,
        samples,
        data,
        timer.seconds());
    return sliced;
  }
}
