package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.directions.BiasRule;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.Protocol;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.config.TrajectorySettings;
import org.losslandscape.pipeline.measures.MeasureSetup;
import org.losslandscape.pipeline.measures.SummaryContext;
import org.losslandscape.pipeline.results.BuildInfo;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.InterpolationSummary;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.MeasuresSummary;
import org.losslandscape.pipeline.summary.ModelSummary;
import org.losslandscape.pipeline.summary.OrderingSummary;
import org.losslandscape.pipeline.summary.OverSeedsSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;
import org.losslandscape.pipeline.summary.Summary;
import org.losslandscape.pipeline.summary.TrainingSummary;
import org.losslandscape.pipeline.summary.TrajectorySummary;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;
import org.tensorflow.TensorFlow;

/**
 * Writes {@code summary.json}: every number of the run with the settings that produced it and the
 * definitions of the measures, so a reader can trust and re-use it without the code. Also prints
 * the one-screen summary table to the log.
 */
public final class ReportStage {

  static final String SLICE_DEFINITION =
      "slice sharpness S(eps) = max over grid points with sqrt(alpha^2 + beta^2) <= eps of L(alpha,"
          + " beta) - L(0, 0), alpha and beta in direction units. 'slice' is the mean over the"
          + " first seed's direction pairs, 'slice_over_pairs' adds their 95% t-interval; with"
          + " --seeds K > 1, 'over_seeds' gives the mean and 95% t-interval over seeds of each"
          + " seed's pair mean";

  private static final Logger LOG = LogManager.getLogger(ReportStage.class);

  private final TrainingSettings training;
  private final SliceSettings slice;
  private final MeasureSetup setup;
  private final TrajectorySettings trajectory;
  private final OutputSettings output;
  private final DeviceSettings deviceSettings;
  private final ExecutionSettings execution;
  private final DeviceChoice device;

  @Inject
  public ReportStage(
      TrainingSettings training,
      SliceSettings slice,
      MeasureSettings measures,
      TrajectorySettings trajectory,
      OutputSettings output,
      DeviceSettings deviceSettings,
      ExecutionSettings execution,
      DeviceChoice device) {
    this.training = training;
    this.slice = slice;
    this.setup = new MeasureSetup(slice, measures);
    this.trajectory = trajectory;
    this.output = output;
    this.deviceSettings = deviceSettings;
    this.execution = execution;
    this.device = device;
  }

  /** Writes the summary of a study; {@code timings} are seconds per stage. */
  public Summary write(StudyResults results, Verdict verdict, Map<String, Double> timings) {
    List<RecipeSummary> recipes = new ArrayList<>();
    for (TrainedModel model : results.models()) {
      if (model.run().primary()) {
        recipes.add(describe(model, results));
      }
    }
    Map<String, OrderingSummary> orderings = new LinkedHashMap<>();
    List<RecipeAggregate> aggregates = results.aggregates();
    for (double eps : slice.radii()) {
      orderings.put(SharpnessSummaries.epsKey(eps), SharpnessSummaries.orderings(aggregates, eps));
    }
    Summary summary =
        summary(
            null,
            results.data(),
            timings,
            trainedModel(results.data()),
            trainingSummary(),
            recipes,
            orderings,
            verdict,
            null,
            PathSummaries.trajectories(results.trajectories(), trajectory.margin()),
            PathSummaries.interpolation(results.interpolations(), Map.of()));
    Json.write(output.directory().resolve("summary.json"), summary);
    logTable(results);
    return summary;
  }

  /** Writes the summary of slicing given weights ({@code loss-landscape landscape}). */
  public Summary writeSliced(
      String weightsSource,
      Network architecture,
      Metrics train,
      Metrics test,
      ModelLandscape landscape,
      LandscapeSamples samples,
      PreparedData data,
      Map<String, Double> timings) {
    RecipeSummary model =
        RecipeSummary.savedModel(
            landscape.run().recipe(),
            train.loss(),
            train.accuracy(),
            test.loss(),
            test.accuracy(),
            landscapeSection(landscape, samples),
            SharpnessSummaries.of(landscape.report()));
    Summary summary =
        summary(
            weightsSource,
            data,
            timings,
            savedArchitecture(architecture),
            null,
            List.of(model),
            null,
            null,
            null,
            null,
            null);
    Json.write(output.directory().resolve("summary.json"), summary);
    LOG.info(
        "{}: test acc {}, slice sharpness {}; written to {}",
        landscape.run().recipe(),
        String.format(Locale.ROOT, "%.4f", test.accuracy()),
        SharpnessSummaries.line(landscape.report()),
        output.directory().toAbsolutePath());
    return summary;
  }

  /**
   * Writes the summary of walking the line between two saved models ({@code loss-landscape
   * interpolate}): both models' own numbers (the curve's ends) and the curves.
   */
  public Summary writeInterpolated(
      Path fromWeights,
      Path toWeights,
      Network architecture,
      PairInterpolation pair,
      PreparedData data,
      Map<String, Double> timings) {
    List<RecipeSummary> models =
        List.of(endpoint(pair.from(), pair, 0), endpoint(pair.to(), pair, 1));
    Map<String, String> folders = new LinkedHashMap<>();
    folders.put(pair.from(), fromWeights.toAbsolutePath().toString());
    folders.put(pair.to(), toWeights.toAbsolutePath().toString());
    Summary summary =
        summary(
            null,
            data,
            timings,
            savedArchitecture(architecture),
            null,
            models,
            null,
            null,
            null,
            null,
            PathSummaries.interpolation(List.of(pair), folders));
    Json.write(output.directory().resolve("summary.json"), summary);
    LOG.info(
        "{} -> {}: train loss {} -> {}, test loss {} -> {}, barrier on the training set {}; written"
            + " to {}",
        pair.from(),
        pair.to(),
        f4(pair.train().lossAt(0)),
        f4(pair.train().lossAt(1)),
        f4(pair.test().lossAt(0)),
        f4(pair.test().lossAt(1)),
        f4(pair.train().barrier()),
        output.directory().toAbsolutePath());
    return summary;
  }

  /** A model at an end of the line ({@code t} 0 or 1): its own numbers, read off the curves. */
  private static RecipeSummary endpoint(String name, PairInterpolation pair, double t) {
    return RecipeSummary.savedModel(
        name,
        pair.train().lossAt(t),
        pair.train().accuracyAt(t),
        pair.test().lossAt(t),
        pair.test().accuracyAt(t),
        null,
        null);
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private Summary summary(
      String weightsSource,
      PreparedData data,
      Map<String, Double> timings,
      ModelSummary model,
      TrainingSummary trainingSummary,
      List<RecipeSummary> recipes,
      Map<String, OrderingSummary> orderings,
      Verdict verdict,
      List<Summary.ProtocolEntry> protocols,
      List<TrajectorySummary> trajectories,
      InterpolationSummary interpolation) {
    BuildInfo build = BuildInfo.current();
    // A study trains (and says how); landscape and interpolate read weights instead.
    boolean study = trainingSummary != null;
    boolean sliced = study || weightsSource != null;
    return new Summary(
        Summary.FORMAT,
        Summary.FORMAT_VERSION,
        "loss-landscape",
        build.version(),
        TensorFlow.version(),
        build.tensorflowJavaVersion(),
        device.device().label(),
        device.reason(),
        deviceSettings.request().label(),
        device.fellBack(),
        new Summary.Threads(execution.intraOpThreads(), execution.interOpThreads()),
        study ? training.firstSeed() : null,
        weightsSource,
        data.summary(),
        data.preprocessing(),
        new LinkedHashMap<>(timings),
        model,
        trainingSummary,
        sliced ? SLICE_DEFINITION : null,
        study ? training.seeds() : null,
        recipes,
        orderings,
        verdict,
        protocols,
        trajectories,
        interpolation);
  }

  /**
   * Writes the summary of a multi-protocol study: the shared settings, the protocols' folders and
   * the verdict across them (each protocol's own summary.json holds its recipes).
   */
  public Summary writeProtocols(
      List<Protocol> protocols,
      List<StudyOutcome> outcomes,
      Verdict verdict,
      Map<String, Double> seconds) {
    TrainingSummary shared = trainingSummary();
    Summary summary =
        summary(
            null,
            outcomes.get(0).results().data(),
            seconds,
            trainedModel(outcomes.get(0).results().data()),
            new TrainingSummary(
                shared.optimizer(),
                shared.momentum(),
                shared.schedule(),
                "protocols",
                String.join(", ", protocols.stream().map(p -> p.budget().describe()).toList())),
            List.of(),
            Map.of(),
            verdict,
            protocols.stream()
                .map(p -> new Summary.ProtocolEntry(p.name(), p.budget().describe(), p.name()))
                .toList(),
            null,
            null);
    Json.write(output.directory().resolve("summary.json"), summary);
    LOG.info("written to {}", output.directory().toAbsolutePath());
    return summary;
  }

  private TrainingSummary trainingSummary() {
    return new TrainingSummary(
        ProvenanceRecorder.optimizerLabel(training.optimizer(), training.momentum()),
        training.momentum(),
        training.schedule().label(),
        training.budget().kind(),
        training.budget().describe());
  }

  private LandscapeSummary landscapeSection(ModelLandscape l, LandscapeSamples samples) {
    return new LandscapeSummary(
        slice.grid().size(),
        List.of(slice.grid().min(), slice.grid().max()),
        slice.normalization().label(),
        slice.biasRule() != BiasRule.ZERO,
        slice.biasRule().label(),
        slice.batchNormRule() == slice.biasRule() ? null : slice.batchNormRule().label(),
        samples.split().label(),
        samples.indices().length,
        samples.clamped() ? samples.requested() : null,
        slice.directionSeed(),
        slice.directionPairs(),
        l.primary().centreLoss(),
        l.primary().minLoss(),
        l.primary().maxLoss());
  }

  private RecipeSummary describe(TrainedModel model, StudyResults results) {
    boolean usable = model.usable();
    ModelLandscape landscape = results.landscapeOf(model.run()).orElse(null);
    OverSeedsSummary overSeeds = null;
    if (training.seeds() > 1) {
      overSeeds =
          results.aggregates().stream()
              .filter(a -> a.recipe().equals(model.recipe()))
              .findFirst()
              .map(this::overSeeds)
              .orElse(null);
    }
    return new RecipeSummary(
        model.recipe().name(),
        model.recipe().learningRate(),
        model.recipe().batchSize(),
        model.effectiveBatchSize() != model.recipe().batchSize()
            ? model.effectiveBatchSize()
            : null,
        model.recipe().noiseScale(),
        ProvenanceRecorder.optimizerLabel(
            training.optimizerOf(model.recipe()),
            model.recipe().variation().momentum().orElse(training.momentum())),
        training.scheduleOf(model.recipe()).label(),
        RecipeSummary.VariationSummary.of(model.recipe().variation()),
        model.training().epochs(),
        model.training().steps(),
        model.training().status().label(),
        model.training().message().isEmpty() ? null : model.training().message(),
        model.fromCache(),
        model.training().seconds(),
        usable ? model.train().loss() : null,
        usable ? model.train().accuracy() : null,
        usable ? model.test().loss() : null,
        usable ? model.test().accuracy() : null,
        usable ? model.generalizationGap() : null,
        landscape == null ? null : landscapeSection(landscape, results.samples()),
        landscape == null ? null : SharpnessSummaries.of(landscape.report()),
        overSeeds,
        results
            .measuresOf(model.run())
            .map(m -> measuresSummary(m, new SummaryContext(model.recipe().learningRate())))
            .orElse(null));
  }

  /** A run's measures beyond the slices as their summary: each measure writes its own section. */
  private static MeasuresSummary measuresSummary(RunMeasures m, SummaryContext context) {
    return new MeasuresSummary(
        m.loss(), m.results().stream().flatMap(r -> r.summarize(context).stream()).toList());
  }

  /** Every run of the recipe and the mean and 95% interval over its seeds. */
  private OverSeedsSummary overSeeds(RecipeAggregate a) {
    List<OverSeedsSummary.SeedRun> runs = new ArrayList<>();
    for (TrainedModel m : a.runs()) {
      boolean usable = m.usable();
      runs.add(
          new OverSeedsSummary.SeedRun(
              m.run().seed(),
              m.run().folder(),
              m.training().status().label(),
              usable ? m.train().loss() : null,
              usable ? m.test().loss() : null,
              usable ? m.test().accuracy() : null,
              usable ? m.generalizationGap() : null));
    }
    Map<String, OverSeedsSummary.SharpnessOverSeeds> sharpness = new LinkedHashMap<>();
    for (double eps : slice.radii()) {
      IntervalSummary i = IntervalSummary.of(a.sharpness(eps));
      sharpness.put(
          SharpnessSummaries.epsKey(eps),
          new OverSeedsSummary.SharpnessOverSeeds(
              i.mean(),
              i.ci95Low(),
              i.ci95High(),
              i.noIntervalBecause(),
              i.n(),
              a.sharpnessPerSeed(eps)));
    }
    return new OverSeedsSummary(
        runs,
        IntervalSummary.of(a.trainLoss()),
        IntervalSummary.of(a.testAccuracy()),
        IntervalSummary.of(a.generalizationGap()),
        sharpness);
  }

  private void logTable(StudyResults results) {
    boolean measured = !results.measures().isEmpty();
    String table = ResultsTable.of(results, setup);
    String over =
        results.aggregates().isEmpty() ? "" : results.aggregates().get(0).describeIntervals();
    LOG.info(
        "results (means; sharpness ± 95% half-width over {}{}):{}",
        over, measured ? "; other measures over every measured seed" : "", table);
    LOG.info("written to {}", output.directory().toAbsolutePath());
  }

  /**
   * The network the study trains on {@code data}, as the summary describes it: the study's, or,
   * when recipes change width or depth, every network trained (the largest one's parameters
   * counted).
   */
  private ModelSummary trainedModel(PreparedData data) {
    List<Network> networks =
        training.recipes().stream()
            .map(r -> training.architectureOf(r, data.inputShape(), data.classes()))
            .distinct()
            .toList();
    Network largest =
        networks.stream()
            .max(java.util.Comparator.comparingLong(Network::parameterCount))
            .orElse(training.architectureFor(data.inputShape(), data.classes()));
    return new ModelSummary(
        networks.size() <= 1
            ? largest.toString()
            : String.join(", ", networks.stream().map(Network::toString).toList()),
        largest instanceof MlpArchitecture ? "relu" : "as the layers say",
        training.initialization().name().toLowerCase(Locale.ROOT),
        largest.parameterCount());
  }

  /** A saved model's network, as the summary describes it (its initialization is not known). */
  private static ModelSummary savedArchitecture(Network architecture) {
    return new ModelSummary(
        architecture.toString(),
        architecture instanceof MlpArchitecture ? "relu" : "as the layers say",
        null,
        architecture.parameterCount());
  }
}
