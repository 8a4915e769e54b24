package org.losslandscape.pipeline;

import com.google.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.landscape.LandscapeGrid;
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
import org.losslandscape.pipeline.stages.StudyResults;
import org.losslandscape.pipeline.stages.TrainStage;
import org.losslandscape.pipeline.stages.TrainedModel;

/**
 * The study, top to bottom: load data, train every configuration, slice each trained minimum,
 * measure sharpness, draw the figures, write the summary. Each stage is timed and logged.
 */
public final class StudyPipeline {

  private final StudyOptions options;
  private final StageTimer timer;
  private final LoadDataStage loadData;
  private final TrainStage train;
  private final LandscapeStage landscape;
  private final PlotStage plot;
  private final ReportStage report;

  @Inject
  public StudyPipeline(
      StudyOptions options,
      StageTimer timer,
      LoadDataStage loadData,
      TrainStage train,
      LandscapeStage landscape,
      PlotStage plot,
      ReportStage report) {
    this.options = options;
    this.timer = timer;
    this.loadData = loadData;
    this.train = train;
    this.landscape = landscape;
    this.plot = plot;
    this.report = report;
  }

  /** Runs the whole study and returns what it produced. */
  public StudyResults run() {
    PreparedData data = timer.time("load-data", loadData::run);
    List<TrainedModel> models = timer.time("train", () -> train.run(data));

    List<NamedWeights> usable =
        models.stream().filter(TrainedModel::usable).map(TrainedModel::weights).toList();
    LandscapeSamples samples = LandscapeSamples.forStudy(options, data);
    List<ModelLandscape> landscapes = timer.time("landscape", () -> landscape.run(usable, samples));
    Optional<LandscapeGrid> raw =
        usable.isEmpty() || !options.plots()
            ? Optional.empty()
            : Optional.of(
                timer.time("raw-directions", () -> landscape.rawSlice(usable.get(0), samples)));

    StudyResults results =
        new StudyResults(data, options.configs(), models, landscapes, samples, raw);
    if (options.plots() && !results.primaryLandscapes().isEmpty()) {
      timer.run("plot", () -> plot.run(results));
    }
    report.write(results, timer.seconds());
    return results;
  }
}
