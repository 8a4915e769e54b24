package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.sharpness.MeanInterval;
import org.losslandscape.models.sharpness.RankCorrelation;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.results.Json;
import org.tensorflow.TensorFlow;

/**
 * Writes {@code summary.json}: every number of the study with the settings that produced it and the
 * definitions of the measures, so a reader can trust and re-use it without the code. Also prints
 * the one-screen summary table to the log.
 */
public final class ReportStage {

  /** The tool's version, written into every summary. */
  public static final String VERSION = "0.1.0";

  static final String SLICE_DEFINITION =
      "slice sharpness S(eps) = max over grid points with sqrt(alpha^2 + beta^2) <= eps of L(alpha,"
          + " beta) - L(0, 0), alpha and beta in direction units. 'slice' is the mean over the"
          + " first seed's direction pairs, 'slice_over_pairs' adds their 95% t-interval; with"
          + " --seeds K > 1, 'over_seeds' gives the mean and 95% t-interval over seeds of each"
          + " seed's pair mean";

  private static final Logger LOG = LogManager.getLogger(ReportStage.class);

  private final StudyOptions options;
  private final ExecutionSettings execution;
  private final DeviceChoice device;

  @Inject
  public ReportStage(StudyOptions options, ExecutionSettings execution, DeviceChoice device) {
    this.options = options;
    this.execution = execution;
    this.device = device;
  }

  /** Writes the summary of a study; {@code timings} are seconds per stage. */
  public Map<String, Object> write(StudyResults results, Map<String, Double> timings) {
    Map<String, Object> summary = header(results.data(), timings);
    summary.put(
        "model",
        Json.object(
            "architecture", options.architecture().toString(),
            "activation", "relu",
            "initialization", options.initialization().name().toLowerCase(Locale.ROOT),
            "parameters", options.architecture().parameterCount()));
    summary.put(
        "training",
        Json.object(
            "optimizer", options.momentum() > 0 ? "sgd+momentum" : "sgd",
            "momentum", options.momentum(),
            "schedule", options.schedule().label(),
            "budget", options.budget().kind(),
            "budget_description", options.budget().describe()));
    summary.put("sharpness_definition", SLICE_DEFINITION);
    summary.put("seeds", options.seeds());
    List<Map<String, Object>> configs = new ArrayList<>();
    for (TrainedModel model : results.models()) {
      if (model.primary()) {
        configs.add(describe(model, results));
      }
    }
    summary.put("configs", configs);
    summary.put("orderings", orderings(results));
    summary.put("rank_correlations", rankCorrelations(results));
    Json.write(options.outputDir().resolve("summary.json"), summary);
    logTable(results);
    return summary;
  }

  /** Writes the summary of slicing given weights ({@code loss-landscape landscape}). */
  public Map<String, Object> writeSliced(
      String weightsSource,
      Metrics train,
      Metrics test,
      ModelLandscape landscape,
      LandscapeSamples samples,
      PreparedData data,
      Map<String, Double> timings) {
    Map<String, Object> summary = header(data, timings);
    summary.put("weights", weightsSource);
    summary.put(
        "model",
        Json.object(
            "architecture",
            options.architecture().toString(),
            "activation",
            "relu",
            "parameters",
            options.architecture().parameterCount()));
    summary.put("sharpness_definition", SLICE_DEFINITION);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", landscape.name());
    c.put("train_loss", train.loss());
    c.put("train_accuracy", train.accuracy());
    c.put("test_loss", test.loss());
    c.put("test_accuracy", test.accuracy());
    c.put("generalization_gap", test.loss() - train.loss());
    c.put("landscape", landscapeSection(landscape, samples));
    c.put("sharpness", sharpness(landscape.report()));
    summary.put("configs", List.of(c));
    Json.write(options.outputDir().resolve("summary.json"), summary);
    LOG.info(
        "{}: test acc {}, slice sharpness {}; written to {}",
        landscape.name(),
        String.format(Locale.ROOT, "%.4f", test.accuracy()),
        sharpnessLine(landscape.report()),
        options.outputDir().toAbsolutePath());
    return summary;
  }

  private Map<String, Object> header(PreparedData data, Map<String, Double> timings) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("tool", "loss-landscape");
    summary.put("version", VERSION);
    summary.put("tensorflow_version", TensorFlow.version());
    summary.put("device", device.device());
    summary.put("device_reason", device.reason());
    summary.put(
        "threads",
        Json.object(
            "intra_op", execution.intraOpThreads(), "inter_op", execution.interOpThreads()));
    summary.put("seed", options.seed());
    summary.put(
        "data",
        Json.object(
            "source", data.source(),
            "train_samples", data.train().count(),
            "test_samples", data.test().count(),
            "sha256", data.fingerprint()));
    summary.put(
        "preprocessing",
        Json.object(
            "formula", "x = (pixel / 255 - mean) / std, mean and std over all training pixels",
            "mean", data.standardization().mean(),
            "std", data.standardization().std()));
    summary.put("timings_seconds", timings);
    return summary;
  }

  private Map<String, Object> landscapeSection(ModelLandscape l, LandscapeSamples samples) {
    Map<String, Object> landscape = new LinkedHashMap<>();
    landscape.put("grid_size", options.grid().size());
    landscape.put("range", List.of(options.grid().min(), options.grid().max()));
    landscape.put("normalization", options.normalization().label());
    landscape.put("include_bias", options.includeBias());
    landscape.put("split", samples.split());
    landscape.put("samples", samples.indices().length);
    landscape.put("direction_seed", options.directionSeed());
    landscape.put("direction_pairs", options.directionPairs());
    landscape.put("center_loss", l.primary().centreLoss());
    landscape.put("min_loss", l.primary().minLoss());
    landscape.put("max_loss", l.primary().maxLoss());
    return landscape;
  }

  private static String sharpnessLine(SharpnessReport report) {
    StringBuilder line = new StringBuilder();
    for (SharpnessReport.Entry e : report.entries()) {
      line.append(
          String.format(
              Locale.ROOT,
              " S(%s)=%.3f±%.3f",
              e.epsilon(),
              e.interval().mean(),
              e.interval().halfWidth()));
    }
    return line.toString().trim();
  }

  private Map<String, Object> describe(TrainedModel model, StudyResults results) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", model.config().name());
    c.put("learning_rate", model.config().learningRate());
    c.put("batch_size", model.config().batchSize());
    c.put("lr_over_batch", model.config().noiseScale());
    c.put("epochs", model.training().epochs());
    c.put("steps", model.training().steps());
    c.put("status", model.training().status().label());
    if (!model.training().message().isEmpty()) {
      c.put("message", model.training().message());
    }
    c.put("from_cache", model.fromCache());
    c.put("training_seconds", model.training().seconds());
    if (model.usable()) {
      c.put("train_loss", model.train().loss());
      c.put("train_accuracy", model.train().accuracy());
      c.put("test_loss", model.test().loss());
      c.put("test_accuracy", model.test().accuracy());
      c.put("generalization_gap", model.generalizationGap());
    }
    results.landscapes().stream()
        .filter(l -> l.folder().equals(model.folder()))
        .findFirst()
        .ifPresent(
            l -> {
              c.put("landscape", landscapeSection(l, results.samples()));
              c.put("sharpness", sharpness(l.report()));
            });
    if (options.seeds() > 1) {
      results.aggregates().stream()
          .filter(a -> a.config().equals(model.config()))
          .findFirst()
          .ifPresent(a -> c.put("over_seeds", overSeeds(a)));
    }
    return c;
  }

  /** Every run of the config and the mean and 95% interval over its seeds. */
  private Map<String, Object> overSeeds(ConfigAggregate a) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> runs = new ArrayList<>();
    for (TrainedModel m : a.runs()) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("seed", m.seed());
      run.put("folder", m.folder());
      run.put("status", m.training().status().label());
      if (m.usable()) {
        run.put("train_loss", m.train().loss());
        run.put("test_loss", m.test().loss());
        run.put("test_accuracy", m.test().accuracy());
        run.put("generalization_gap", m.generalizationGap());
      }
      runs.add(run);
    }
    out.put("runs", runs);
    out.put("train_loss", interval(a.trainLoss()));
    out.put("test_accuracy", interval(a.testAccuracy()));
    out.put("generalization_gap", interval(a.generalizationGap()));
    Map<String, Object> slice = new LinkedHashMap<>();
    for (double eps : options.epsilons()) {
      Map<String, Object> e = interval(a.sharpness(eps));
      e.put("per_seed", a.sharpnessPerSeed(eps));
      slice.put(epsKey(eps), e);
    }
    out.put("slice_sharpness", slice);
    return out;
  }

  private static Map<String, Object> interval(MeanInterval m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mean", m.mean());
    out.put("ci95_low", m.lower());
    out.put("ci95_high", m.upper());
    out.put("n", m.n());
    return out;
  }

  /**
   * Per radius, the pairs of configs whose sharpness intervals do not overlap: the only orderings
   * the study supports. Everything else is "not separated".
   */
  private Map<String, Object> orderings(StudyResults results) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<ConfigAggregate> aggregates = results.aggregates();
    for (double eps : options.epsilons()) {
      List<String> separated = ConfigAggregate.separatedOrderings(aggregates, eps);
      out.put(
          epsKey(eps),
          Json.object(
              "intervals_over",
              aggregates.isEmpty() ? "" : aggregates.get(0).intervalSource(),
              "rule",
              "an ordering is listed only when the two 95% intervals do not overlap",
              "separated",
              separated));
    }
    return out;
  }

  private static Map<String, Object> sharpness(SharpnessReport report) {
    Map<String, Object> slice = new LinkedHashMap<>();
    Map<String, Object> detail = new LinkedHashMap<>();
    for (SharpnessReport.Entry e : report.entries()) {
      String eps = epsKey(e.epsilon());
      slice.put(eps, e.interval().mean());
      MeanInterval m = e.interval();
      detail.put(
          eps,
          Json.object(
              "mean",
              m.mean(),
              "ci95_low",
              m.lower(),
              "ci95_high",
              m.upper(),
              "per_pair",
              e.perPair(),
              "grid_points_in_ball",
              e.pointsInBall()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("slice", slice);
    out.put("slice_over_pairs", detail);
    return out;
  }

  /**
   * Kendall tau across configs between mean slice sharpness and the mean gap, and the LR/batch
   * ratio.
   */
  private Map<String, Object> rankCorrelations(StudyResults results) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<ConfigAggregate> aggregates = results.aggregates();
    if (aggregates.size() < 2) {
      return out;
    }
    for (double eps : options.epsilons()) {
      double[] sharp = aggregates.stream().mapToDouble(a -> a.sharpness(eps).mean()).toArray();
      double[] gap = aggregates.stream().mapToDouble(a -> a.generalizationGap().mean()).toArray();
      double[] noise = aggregates.stream().mapToDouble(a -> a.config().noiseScale()).toArray();
      out.put(
          epsKey(eps),
          Json.object(
              "kendall_tau_sharpness_vs_generalization_gap",
                  nanToNull(RankCorrelation.kendallTau(sharp, gap)),
              "kendall_tau_sharpness_vs_lr_over_batch",
                  nanToNull(RankCorrelation.kendallTau(sharp, noise))));
    }
    return out;
  }

  private static Object nanToNull(double v) {
    return Double.isNaN(v) ? "undefined" : v;
  }

  static String epsKey(double eps) {
    return String.valueOf(eps);
  }

  private void logTable(StudyResults results) {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%n%-22s %8s %6s %8s %8s %8s %8s %8s",
                "config",
                "lr",
                "batch",
                "steps",
                "train",
                "test",
                "test",
                "gap"));
    table.append(
        String.format(
            Locale.ROOT,
            "%n%-22s %8s %6s %8s %8s %8s %8s %8s",
            "",
            "",
            "",
            "",
            "loss",
            "loss",
            "acc",
            ""));
    for (double eps : options.epsilons()) {
      table.append(String.format(Locale.ROOT, "  %13s", "S(" + eps + ")"));
    }
    for (ConfigAggregate a : results.aggregates()) {
      TrainedModel first = a.runs().get(0);
      table.append(
          String.format(
              Locale.ROOT,
              "%n%-22s %8s %6d %8d %8.4f %8.4f %8.4f %8.4f",
              a.config().name(),
              a.config().learningRate(),
              a.config().batchSize(),
              first.training().steps(),
              a.trainLoss().mean(),
              a.testLoss().mean(),
              a.testAccuracy().mean(),
              a.generalizationGap().mean()));
      for (double eps : options.epsilons()) {
        MeanInterval s = a.sharpness(eps);
        table.append(String.format(Locale.ROOT, "  %6.3f±%-6.3f", s.mean(), s.halfWidth()));
      }
    }
    for (TrainedModel m : results.models()) {
      if (!m.usable()) {
        table.append(
            String.format(Locale.ROOT, "%n%-22s diverged: %s", m.folder(), m.training().message()));
      }
    }
    String over =
        results.aggregates().isEmpty() ? "" : results.aggregates().get(0).intervalSource();
    LOG.info("results (means; sharpness ± 95% half-width over {}):{}", over, table);
    LOG.info("written to {}", options.outputDir().toAbsolutePath());
  }
}
