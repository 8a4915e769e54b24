package org.losslandscape.pipeline;

import com.google.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.statistics.ConditionalMutualInformation;
import org.losslandscape.models.statistics.SettingsKendall;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.imports.pgdl.PgdlHyperparameter;
import org.losslandscape.pipeline.imports.pgdl.PgdlModel;
import org.losslandscape.pipeline.imports.pgdl.PgdlNetworks;
import org.losslandscape.pipeline.imports.pgdl.PgdlTask;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.measures.MeasureInput;
import org.losslandscape.pipeline.measures.MeasureNeed;
import org.losslandscape.pipeline.measures.MeasureResult;
import org.losslandscape.pipeline.measures.MeasureSetup;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.ModelMeasure;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * The {@code pgdl} command: reads a PGDL task (its Keras models, their hyperparameters and measured
 * generalization gaps, its training data), computes every selected measure of every model on a
 * fixed set of training samples, and scores each measure as the competition did, by the conditional
 * mutual information between the measure's and the gap's orderings of pairs of models ({@link
 * ConditionalMutualInformation}), and by Kendall's tau with its permutation p-value. Writes {@code
 * pgdl.json} and {@code PGDL.md}.
 */
public final class PgdlPipeline {

  private static final Logger LOG = LogManager.getLogger(PgdlPipeline.class);

  private final SliceSettings slice;
  private final MeasureSettings measures;
  private final OutputSettings output;
  private final ExecutionSettings execution;

  @Inject
  public PgdlPipeline(
      SliceSettings slice,
      MeasureSettings measures,
      OutputSettings output,
      ExecutionSettings execution) {
    this.slice = slice;
    this.measures = measures;
    this.output = output;
    this.execution = execution;
  }

  /**
   * One model's numbers.
   *
   * @param id the model's id in the task
   * @param gap train accuracy minus test accuracy, as the task records it
   * @param hyperparameters the model's hyperparameters as name=value
   * @param trainAccuracy accuracy on the task's training data as this tool computes it
   * @param measures each measure's value
   */
  public record ModelScores(
      String id,
      double gap,
      List<String> hyperparameters,
      double trainAccuracy,
      List<MeasureValue> measures) {}

  /** One measure's value on one model. */
  public record MeasureValue(String key, double value) {}

  /**
   * How well one measure predicts the gap over the task's models.
   *
   * @param key the measure
   * @param unit its unit
   * @param conditionalMutualInformation the competition's score (0 to 1; NaN if undefined)
   * @param kendallTau Kendall's tau between measure and gap over the models
   * @param kendallP its two-sided permutation p-value
   */
  public record MeasureScore(
      String key,
      String unit,
      double conditionalMutualInformation,
      double kendallTau,
      double kendallP) {}

  /** What {@code pgdl.json} holds. */
  public record PgdlReport(
      String task,
      int models,
      int samples,
      List<ModelScores> perModel,
      List<MeasureScore> scores) {}

  /** Reads {@code taskFolder}, measures every model and scores every measure. */
  public PgdlReport run(Path taskFolder) {
    PgdlTask task = PgdlTask.read(taskFolder);
    LabeledData all = task.readTrainingData().data();
    LabeledData samples = all.subset(Math.min(slice.samples(), all.count()));
    LOG.info(
        "PGDL task {}: {} models, measured on {} of its {} training examples",
        task.name(),
        task.models().size(),
        samples.count(),
        all.count());
    MeasureSetup setup = new MeasureSetup(slice, measures);
    List<ModelMeasure<?, ?>> chosen =
        Measures.ALL.stream()
            .filter(setup::includes)
            .filter(m -> !m.needs(setup).contains(MeasureNeed.SLICE))
            .filter(m -> !m.needs(setup).contains(MeasureNeed.BATCH_LOSSES))
            .toList();
    List<ModelScores> perModel = new ArrayList<>();
    Map<String, Measure> keys = new LinkedHashMap<>();
    for (PgdlModel model : task.models()) {
      Parameters parameters = PgdlNetworks.read(model).toParameters("pgdl-" + model.id());
      double accuracy;
      try (MlpEvaluator evaluator = new MlpEvaluator(parameters.architecture(), execution)) {
        Metrics m = evaluator.evaluate(parameters, all);
        accuracy = m.accuracy();
      }
      List<MeasureValue> values = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      try (DifferentiableLoss loss =
          new DifferentiableLoss(parameters.architecture(), samples, execution)) {
        double[] theta = loss.layout().flatten(parameters);
        MeasureInput input =
            new MeasureInput(
                new RunId("pgdl-" + model.id(), 0, 0), parameters, theta, loss, Optional.empty());
        for (ModelMeasure<?, ?> m : chosen) {
          MeasureResult<?> result = MeasureResult.compute(m, input, setup);
          for (Map.Entry<Measure, Double> e : result.values(setup).entrySet()) {
            keys.putIfAbsent(e.getKey().key(), e.getKey());
            values.add(new MeasureValue(e.getKey().key(), e.getValue()));
          }
          line.append(result.describe());
        }
      }
      LOG.info(
          "model {}: gap {} (train accuracy here {}){}",
          model.id(),
          format(model.generalizationGap()),
          format(accuracy),
          line);
      perModel.add(
          new ModelScores(
              model.id(),
              model.generalizationGap(),
              model.spec().hyperparameters().stream().map(h -> h.name() + "=" + h.value()).toList(),
              accuracy,
              values));
    }
    List<MeasureScore> scores = score(task, perModel, keys);
    PgdlReport report =
        new PgdlReport(task.name(), task.models().size(), samples.count(), perModel, scores);
    Json.write(output.directory().resolve("pgdl.json"), report);
    AtomicFiles.write(
        output.directory().resolve("PGDL.md"), markdown(report).getBytes(StandardCharsets.UTF_8));
    scores.forEach(
        s ->
            LOG.info(
                "{}: CMI {}, Kendall tau {} (p {})",
                s.key(),
                format(s.conditionalMutualInformation()),
                format(s.kendallTau()),
                format(s.kendallP())));
    LOG.info("written to {}", output.directory());
    return report;
  }

  private static List<MeasureScore> score(
      PgdlTask task, List<ModelScores> perModel, Map<String, Measure> keys) {
    double[] gap = perModel.stream().mapToDouble(ModelScores::gap).toArray();
    List<List<String>> hyperparameters = new ArrayList<>();
    for (PgdlModel model : task.models()) {
      hyperparameters.add(
          model.spec().hyperparameters().stream()
              .map(PgdlHyperparameter::value)
              .map(Object::toString)
              .toList());
    }
    List<MeasureScore> out = new ArrayList<>();
    for (Measure measure : keys.values()) {
      double[] values =
          perModel.stream()
              .mapToDouble(
                  m ->
                      m.measures().stream()
                          .filter(v -> v.key().equals(measure.key()))
                          .mapToDouble(MeasureValue::value)
                          .findFirst()
                          .orElse(Double.NaN))
              .toArray();
      boolean finite = java.util.Arrays.stream(values).allMatch(Double::isFinite);
      SettingsKendall kendall =
          finite && values.length >= 2
              ? SettingsKendall.test(values, gap, 1, SettingsKendall.DEFAULT_DRAWS)
              : null;
      out.add(
          new MeasureScore(
              measure.key(),
              measure.unit(),
              finite
                  ? ConditionalMutualInformation.score(hyperparameters, values, gap)
                  : Double.NaN,
              kendall == null ? Double.NaN : kendall.tau(),
              kendall == null ? Double.NaN : kendall.pValue()));
    }
    return out;
  }

  private static String markdown(PgdlReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# PGDL task ").append(report.task()).append("\n\n");
    md.append(report.models())
        .append(" models; measures on ")
        .append(report.samples())
        .append(" training examples. CMI: the competition's score (conditional mutual information")
        .append(" between the orderings of pairs of models by the measure and by the gap, the")
        .append(" smallest over conditioning on at most two hyperparameters). Kendall's tau with")
        .append(" its permutation p-value over the models.\n\n");
    md.append("| measure | CMI | Kendall tau | p |\n|---|---|---|---|\n");
    for (MeasureScore s : report.scores()) {
      md.append("| ")
          .append(s.key())
          .append(" | ")
          .append(format(s.conditionalMutualInformation()))
          .append(" | ")
          .append(format(s.kendallTau()))
          .append(" | ")
          .append(format(s.kendallP()))
          .append(" |\n");
    }
    md.append("\n| model | gap | train acc (here) | hyperparameters |\n|---|---|---|---|\n");
    for (ModelScores m : report.perModel()) {
      md.append("| ")
          .append(m.id())
          .append(" | ")
          .append(format(m.gap()))
          .append(" | ")
          .append(format(m.trainAccuracy()))
          .append(" | ")
          .append(String.join(", ", m.hyperparameters()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String format(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "n/a";
  }
}
