package org.losslandscape.pipeline;

import com.google.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.stages.InterpolationStage;
import org.losslandscape.pipeline.stages.LandscapeSamples;
import org.losslandscape.pipeline.stages.LandscapeStage;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.MeasureStage;
import org.losslandscape.pipeline.stages.ModelLandscape;
import org.losslandscape.pipeline.stages.ModelTrajectory;
import org.losslandscape.pipeline.stages.PairInterpolation;
import org.losslandscape.pipeline.stages.PlotStage;
import org.losslandscape.pipeline.stages.PreparedData;
import org.losslandscape.pipeline.stages.ReportPageStage;
import org.losslandscape.pipeline.stages.ReportStage;
import org.losslandscape.pipeline.stages.RunMeasures;
import org.losslandscape.pipeline.stages.StageTimer;
import org.losslandscape.pipeline.stages.StudyOutcome;
import org.losslandscape.pipeline.stages.StudyResults;
import org.losslandscape.pipeline.stages.TrainStage;
import org.losslandscape.pipeline.stages.TrainedModel;
import org.losslandscape.pipeline.stages.TrajectoryStage;
import org.losslandscape.pipeline.stages.VerdictStage;
import org.losslandscape.pipeline.stages.WeightsToSlice;
import org.losslandscape.pipeline.verdict.RunMeasurements;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * The study, top to bottom: load data, train every recipe, slice each trained minimum, measure its
 * sharpness and curvature, (when asked) trace the training trajectories and walk the lines between
 * minima, judge the claims, draw the figures, write the summary and the interactive page built from
 * the files written. Each stage is timed and logged.
 */
public final class StudyPipeline {

  private static final Logger LOG = LogManager.getLogger(StudyPipeline.class);

  private final TrainingSettings training;
  private final SliceSettings slice;
  private final MeasureSettings measures;
  private final OutputSettings output;
  private final StageTimer timer;
  private final LoadDataStage loadData;
  private final TrainStage train;
  private final LandscapeStage landscape;
  private final MeasureStage measure;
  private final TrajectoryStage trajectory;
  private final InterpolationStage interpolation;
  private final PlotStage plot;
  private final VerdictStage verdictStage;
  private final ReportStage report;
  private final ReportPageStage page;

  @Inject
  public StudyPipeline(
      TrainingSettings training,
      SliceSettings slice,
      MeasureSettings measures,
      OutputSettings output,
      StageTimer timer,
      LoadDataStage loadData,
      TrainStage train,
      LandscapeStage landscape,
      MeasureStage measure,
      TrajectoryStage trajectory,
      InterpolationStage interpolation,
      PlotStage plot,
      VerdictStage verdictStage,
      ReportStage report,
      ReportPageStage page) {
    this.training = training;
    this.slice = slice;
    this.measures = measures;
    this.output = output;
    this.timer = timer;
    this.loadData = loadData;
    this.train = train;
    this.landscape = landscape;
    this.measure = measure;
    this.trajectory = trajectory;
    this.interpolation = interpolation;
    this.plot = plot;
    this.verdictStage = verdictStage;
    this.report = report;
    this.page = page;
  }

  /** Runs the whole study and returns what it produced. */
  public StudyOutcome run() {
    LOG.info(describe());
    PreparedData data = timer.time("load-data", loadData::run);
    List<TrainedModel> models = timer.time("train", () -> train.run(data));

    List<WeightsToSlice> sliced =
        usable(models).stream().filter(w -> slice.slices(w.run())).toList();
    LandscapeSamples samples =
        LandscapeSamples.forStudy(slice, data, training.smallestTrainExamples());
    List<ModelLandscape> landscapes = timer.time("landscape", () -> landscape.run(sliced, samples));
    return conclude(data, models, landscapes);
  }

  /**
   * The study from its trained and sliced models on: the measures beyond the slices, the
   * raw-direction slice, the verdict, the figures and the summary. {@link #run} calls it with the
   * models it trained; a sweep calls it with the models its tasks trained and sliced elsewhere, so
   * both end in the same files.
   */
  public StudyOutcome conclude(
      PreparedData data, List<TrainedModel> models, List<ModelLandscape> landscapes) {
    List<WeightsToSlice> usable = usable(models);
    LandscapeSamples samples =
        LandscapeSamples.forStudy(slice, data, training.smallestTrainExamples());
    List<RunMeasures> measured =
        measure.active() ? timer.time("measures", () -> measure.run(usable, samples)) : List.of();
    return conclude(data, models, landscapes, measured);
  }

  /**
   * {@link #conclude(PreparedData, List, List)} with the measures beyond the slices already taken
   * (by a sweep's tasks, each for its own run).
   */
  public StudyOutcome conclude(
      PreparedData data,
      List<TrainedModel> models,
      List<ModelLandscape> landscapes,
      List<RunMeasures> measured) {
    List<WeightsToSlice> usable = usable(models);
    LandscapeSamples samples =
        LandscapeSamples.forStudy(slice, data, training.smallestTrainExamples());
    Optional<LandscapeGrid> raw =
        usable.isEmpty() || !output.plots()
            ? Optional.empty()
            : Optional.of(
                timer.time("raw-directions", () -> landscape.rawSlice(usable.get(0), samples)));

    List<ModelTrajectory> trajectories =
        trajectory.enabled()
            ? timer.time("trajectory", () -> trajectory.run(models, samples))
            : List.of();
    List<PairInterpolation> interpolations =
        interpolation.enabled()
            ? timer.time("interpolation", () -> interpolation.run(training.recipes(), models, data))
            : List.of();

    StudyResults results =
        new StudyResults(
            data,
            training.recipes(),
            models,
            landscapes,
            samples,
            raw,
            measured,
            trajectories,
            interpolations);
    List<RunMeasurements> runs = verdictStage.measurements(results);
    ProtocolVerdict judged = timer.time("verdict", () -> verdictStage.protocol(runs));
    if (output.plots() && !results.aggregates().isEmpty()) {
      timer.run("plot", () -> plot.run(results, runs, judged));
    }
    Verdict verdict = verdictStage.write(List.of(judged));
    report.write(results, verdict, timer.seconds());
    page.write();
    return new StudyOutcome(results, judged);
  }

  /** What every run of the study gets, said once before it starts. */
  private String describe() {
    List<String> others = List.copyOf(measures.selected());
    int seeds = training.seeds();
    int sliced = slice.slicedOf(seeds);
    String slicedSeeds =
        sliced == seeds
            ? "every seed is"
            : sliced == 1 ? "the first seed is" : "the first " + sliced + " seeds are";
    String sliceText =
        String.format(
            Locale.ROOT,
            "%s sliced along %d direction pair(s) of %dx%d points on %,d %s samples",
            slicedSeeds,
            slice.directionPairs(),
            slice.grid().size(),
            slice.grid().size(),
            slice.samples(),
            slice.split().label());
    String measured =
        others.isEmpty() ? "" : "; every seed is measured (" + String.join(", ", others) + ")";
    String untested =
        sliced < seeds && sliced < 2
            ? " (slice sharpness has one seed per recipe, so the verdict tests it only with"
                + " --sliced-seeds all)"
            : "";
    return String.format(
        Locale.ROOT,
        "study: %d recipe(s) x %d seed(s) from %d, all trained; %s%s%s; the figures show seed %d",
        training.recipes().size(),
        seeds,
        training.firstSeed(),
        sliceText,
        untested,
        measured,
        training.firstSeed());
  }

  private static List<WeightsToSlice> usable(List<TrainedModel> models) {
    return models.stream().filter(TrainedModel::usable).map(TrainedModel::weights).toList();
  }
}
