package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.interpolation.LinearPath;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.InterpolationSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RecipePair;
import org.losslandscape.pipeline.io.Npy;

/**
 * Walks the straight line {@code (1 - t) theta_a + t theta_b} between pairs of minima (Goodfellow
 * et al. 2015; Keskar et al. 2017, figure 3) on the full training and test sets, with the same
 * evaluator that measured the models themselves, so the curve passes exactly through their own
 * losses at t = 0 and t = 1. Writes {@code interpolation/<from>__<to>/*.npy}.
 */
public final class InterpolationStage {

  private static final Logger LOG = LogManager.getLogger(InterpolationStage.class);

  private final InterpolationSettings settings;
  private final OutputSettings output;
  private final ExecutionSettings execution;

  @Inject
  public InterpolationStage(
      InterpolationSettings settings, OutputSettings output, ExecutionSettings execution) {
    this.settings = settings;
    this.output = output;
    this.execution = execution;
  }

  /** True when the study walks the lines between minima. */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * The line of every pair the settings choose among {@code recipes} (by default small against
   * large batch at each learning rate), between their first seeds' weights; a pair with a diverged
   * or missing model is skipped with a warning.
   */
  public List<PairInterpolation> run(
      List<Recipe> recipes, List<TrainedModel> models, PreparedData data) {
    List<RecipePair> pairs = settings.pairsFor(recipes);
    if (pairs.isEmpty()) {
      LOG.warn(
          "no interpolation pair: no learning rate was trained with two batch sizes; name pairs"
              + " explicitly");
    }
    List<PairInterpolation> out = new ArrayList<>();
    for (RecipePair pair : pairs) {
      Optional<TrainedModel> from = firstSeed(models, pair.from());
      Optional<TrainedModel> to = firstSeed(models, pair.to());
      if (from.isEmpty() || to.isEmpty()) {
        LOG.warn("{}: skipped, a model of the pair diverged", pair.label());
        continue;
      }
      out.add(
          interpolate(
              pair.from(),
              from.get().training().parameters(),
              pair.to(),
              to.get().training().parameters(),
              data));
    }
    return out;
  }

  /**
   * The line from {@code a} (named {@code fromName}) to {@code b} on {@code data}'s training and
   * test sets, written to the output folder.
   *
   * @throws IllegalArgumentException when the two networks have different architectures
   */
  public PairInterpolation interpolate(
      String fromName, Parameters a, String toName, Parameters b, PreparedData data) {
    LinearPath path = new LinearPath(a, b);
    double[] t = settings.range().values();
    long started = System.nanoTime();
    PairInterpolation result;
    try (MlpEvaluator evaluator = new MlpEvaluator(a.architecture(), execution)) {
      result =
          new PairInterpolation(
              fromName,
              toName,
              path.evaluate(evaluator, t, data.train()),
              path.evaluate(evaluator, t, data.test()));
    }
    LOG.info(
        "{} -> {}: {} points on {} training and {} test examples in {}; train loss {} -> {},"
            + " barrier {}",
        fromName,
        toName,
        t.length,
        data.train().count(),
        data.test().count(),
        StageTimer.formatSeconds((System.nanoTime() - started) / 1e9),
        f4(result.train().lossAt(0)),
        f4(result.train().lossAt(1)),
        f4(result.train().barrier()));
    write(result);
    return result;
  }

  private static Optional<TrainedModel> firstSeed(List<TrainedModel> models, String recipe) {
    return models.stream()
        .filter(m -> m.run().recipe().equals(recipe) && m.run().primary() && m.usable())
        .findFirst();
  }

  private void write(PairInterpolation p) {
    Path dir = output.directory().resolve(p.folder());
    Npy.writeFloat32(dir.resolve("t.npy"), p.train().t());
    Npy.writeFloat32(dir.resolve("train_loss.npy"), p.train().loss());
    Npy.writeFloat32(dir.resolve("train_accuracy.npy"), p.train().accuracy());
    Npy.writeFloat32(dir.resolve("test_loss.npy"), p.test().loss());
    Npy.writeFloat32(dir.resolve("test_accuracy.npy"), p.test().accuracy());
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
