package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.results.ModelFiles;

/**
 * Slices every model: draws the direction pairs (the same seeds for every model), evaluates the
 * loss on the grid for each pair, measures slice sharpness, and writes the arrays needed to
 * recompute any point outside the tool ({@code loss.npy}, {@code accuracy.npy}, {@code coords.npy},
 * {@code directions/}, {@code eval_indices.npy}).
 */
public final class LandscapeStage {

  private static final Logger LOG = LogManager.getLogger(LandscapeStage.class);

  private final StudyOptions options;
  private final LandscapeEvaluator evaluator;

  @Inject
  public LandscapeStage(StudyOptions options, LandscapeEvaluator evaluator) {
    this.options = options;
    this.evaluator = evaluator;
  }

  /** Slices each of {@code models} on {@code samples}. */
  public List<ModelLandscape> run(List<NamedWeights> models, LandscapeSamples samples) {
    warnAboutRadiiBelowTheGridSpacing();
    List<ModelLandscape> out = new ArrayList<>();
    for (NamedWeights model : models) {
      out.add(sliceOne(model, samples));
    }
    return out;
  }

  private ModelLandscape sliceOne(NamedWeights model, LandscapeSamples samples) {
    List<LandscapeGrid> grids = new ArrayList<>();
    List<SliceSharpness> sharpness = new ArrayList<>();
    DirectionPair first = null;
    for (int pair = 0; pair < options.directionPairs(); pair++) {
      DirectionSpec spec =
          new DirectionSpec(
              options.normalization(), options.includeBias(), options.directionSeed() + pair);
      DirectionPair directions = RandomDirections.draw(model.parameters(), spec);
      String label =
          String.format(
              Locale.ROOT, "%s pair %d/%d", model.folder(), pair + 1, options.directionPairs());
      LandscapeGrid grid = slice(model, directions, samples, label);
      grids.add(grid);
      sharpness.add(SliceSharpness.of(grid, options.epsilons()));
      if (pair == 0) {
        first = directions;
      }
    }
    ModelLandscape result =
        new ModelLandscape(
            model.name(), model.folder(), first, grids, sharpness, SharpnessReport.of(sharpness));
    write(result, samples);
    return result;
  }

  /**
   * A radius smaller than the grid spacing holds only the centre: its sharpness is 0 by
   * construction.
   */
  private void warnAboutRadiiBelowTheGridSpacing() {
    double spacing = options.grid().spacing();
    double reach = Math.min(-options.grid().min(), options.grid().max());
    for (double eps : options.epsilons()) {
      if (eps > reach) {
        LOG.warn(
            "--eps {} reaches beyond the grid (it extends {} from the centre): that ball is clipped"
                + " by the square; use a wider --range",
            eps,
            reach);
      }
      if (eps < spacing) {
        LOG.warn(
            "--eps {} is below the grid spacing {}: only the centre lies in that ball, so its"
                + " sharpness is 0 by construction; use a larger --grid-size or a smaller --range",
            eps,
            String.format(Locale.ROOT, "%.4g", spacing));
      }
    }
  }

  /** Evaluates one slice, logging row progress at most every few seconds. */
  LandscapeGrid slice(
      NamedWeights model, DirectionPair directions, LandscapeSamples samples, String label) {
    long started = System.nanoTime();
    long[] lastLog = {started};
    LandscapeGrid grid =
        evaluator.evaluate(
            model.parameters(),
            directions,
            options.grid(),
            samples.data(),
            (done, rows) -> {
              long now = System.nanoTime();
              if (now - lastLog[0] > 5_000_000_000L && done < rows) {
                lastLog[0] = now;
                LOG.info("{}: row {}/{}", label, done, rows);
              }
            });
    LOG.info(
        "{}: {}x{} grid on {} {} samples in {}; centre loss {}, max {}",
        label,
        options.grid().size(),
        options.grid().size(),
        samples.data().count(),
        samples.split(),
        StageTimer.formatSeconds((System.nanoTime() - started) / 1e9),
        String.format(Locale.ROOT, "%.4f", grid.centreLoss()),
        String.format(Locale.ROOT, "%.4f", grid.maxLoss()));
    return grid;
  }

  /**
   * Slices {@code model} with raw (un-normalized) directions of the first seed, for the comparison
   * figure.
   */
  public LandscapeGrid rawSlice(NamedWeights model, LandscapeSamples samples) {
    DirectionPair raw =
        RandomDirections.draw(
            model.parameters(),
            new DirectionSpec(Normalization.NONE, options.includeBias(), options.directionSeed()));
    LandscapeGrid grid = slice(model, raw, samples, model.name() + " raw directions");
    Path dir = options.outputDir().resolve(model.folder()).resolve("raw_directions");
    writeGrid(dir, grid);
    return grid;
  }

  private void write(ModelLandscape landscape, LandscapeSamples samples) {
    Path dir = options.outputDir().resolve(landscape.folder());
    writeGrid(dir, landscape.primary());
    double[] coords = options.grid().coordinates();
    Npy.writeFloat32(dir.resolve("coords.npy"), new int[] {coords.length}, toFloats(coords));
    Npy.writeInt32(
        dir.resolve("eval_indices.npy"), new int[] {samples.indices().length}, samples.indices());
    ModelFiles.writeTensors(dir.resolve("directions").resolve("d1"), landscape.directions().d1());
    ModelFiles.writeTensors(dir.resolve("directions").resolve("d2"), landscape.directions().d2());
    for (int pair = 1; pair < landscape.grids().size(); pair++) {
      writeGrid(dir.resolve("pairs").resolve("pair" + pair), landscape.grids().get(pair));
    }
  }

  private static void writeGrid(Path dir, LandscapeGrid grid) {
    int n = grid.spec().size();
    Npy.writeFloat32(dir.resolve("loss.npy"), new int[] {n, n}, flatten(grid.loss()));
    Npy.writeFloat32(dir.resolve("accuracy.npy"), new int[] {n, n}, flatten(grid.accuracy()));
  }

  private static float[] flatten(double[][] values) {
    int n = values.length;
    float[] out = new float[n * values[0].length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < values[i].length; j++) {
        out[i * values[i].length + j] = (float) values[i][j];
      }
    }
    return out;
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
