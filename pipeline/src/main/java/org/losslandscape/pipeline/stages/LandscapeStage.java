package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.BatchNormMode;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.SurfaceHdf5;
import org.losslandscape.pipeline.measures.MeasureSetup;
import org.losslandscape.pipeline.measures.ModelSlice;
import org.losslandscape.pipeline.measures.SliceMeasure;
import org.losslandscape.pipeline.progress.Progress;
import org.losslandscape.pipeline.progress.SharedTask;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.results.SliceCache;

/**
 * Slices every model: draws the direction pairs (the same seeds for every model), evaluates the
 * loss on the grid for each pair (or reuses the slice a killed earlier run finished), has the slice
 * measure ({@link SliceMeasure#onePair}) compute each pair's sharpness on them, and writes the
 * arrays needed to recompute any point outside the tool ({@code loss.npy}, {@code accuracy.npy},
 * {@code coords.npy}, {@code directions/}, {@code eval_indices.npy}).
 */
public final class LandscapeStage {

  private static final Logger LOG = LogManager.getLogger(LandscapeStage.class);

  private final SliceSettings settings;
  private final MeasureSetup setup;
  private final OutputSettings output;
  private final LandscapeEvaluator evaluator;
  private final ExecutionSettings execution;
  private final SliceCache cache;
  private final Lanes lanes;
  private final Progress progress;

  @Inject
  public LandscapeStage(
      SliceSettings settings,
      MeasureSettings measures,
      OutputSettings output,
      LandscapeEvaluator evaluator,
      ExecutionSettings execution,
      SliceCache cache,
      Lanes lanes,
      Progress progress) {
    this.settings = settings;
    this.setup = new MeasureSetup(settings, measures);
    this.output = output;
    this.evaluator = evaluator;
    this.execution = execution;
    this.cache = cache;
    this.lanes = lanes;
    this.progress = progress;
  }

  /**
   * Slices each of {@code models} on {@code samples}: every direction pair of every model is one
   * piece of work on the run's lanes, its grid and then its slice sharpness.
   */
  public List<ModelLandscape> run(List<WeightsToSlice> models, LandscapeSamples samples) {
    warnAboutRadiiBelowTheGridSpacing();
    String samplesKey = samplesKey(samples);
    record Job(WeightsToSlice model, int pair) {}
    List<Job> jobs = new ArrayList<>();
    for (WeightsToSlice model : models) {
      for (int pair = 0; pair < settings.directionPairs(); pair++) {
        jobs.add(new Job(model, pair));
      }
    }
    List<ModelLandscape> out;
    try (SharedTask shown =
        new SharedTask(
            progress, "landscapes", (long) jobs.size() * settings.grid().size(), "row")) {
      // Each pair's disk searches right after its grid, in the same piece of work: the lanes
      // stay busy to the end (one tail, not one after the grids and one after the searches).
      record SlicedPair(Slice slice, SliceSharpness sharpness) {}
      List<SlicedPair> done =
          lanes.map(
              jobs,
              job -> {
                Slice s = slice(job.model(), job.pair(), samples, samplesKey, shown);
                return new SlicedPair(s, SliceMeasure.onePair(onPlane(s, samples), setup));
              });
      List<Slice> slices = done.stream().map(SlicedPair::slice).toList();
      List<SliceSharpness> perPair = done.stream().map(SlicedPair::sharpness).toList();
      out = new ArrayList<>();
      int pairs = settings.directionPairs();
      for (int m = 0; m < models.size(); m++) {
        List<Slice> own = slices.subList(m * pairs, (m + 1) * pairs);
        out.add(
            new ModelLandscape(
                models.get(m).run(),
                own.get(0).directions(),
                own.stream().map(Slice::grid).toList(),
                SharpnessReport.of(perPair.subList(m * pairs, (m + 1) * pairs))));
      }
    }
    out.forEach(result -> write(result, samples));
    return out;
  }

  /** A slice with the plane it lies on, as the slice measure searches it. */
  private ModelSlice onPlane(Slice s, LandscapeSamples samples) {
    return new ModelSlice(
        s.grid(),
        () ->
            evaluator.function(
                s.sliced().parameters(), s.directions(), settings.grid(), samples.data()));
  }

  /**
   * The model as the slice evaluates it: a network with batch norm set to {@code --bn-mode}, with
   * the first 512 landscape samples as the fixed calibration set of {@code recompute}.
   */
  private WeightsToSlice withBatchNormMode(WeightsToSlice model, LandscapeSamples samples) {
    if (!(model.parameters().architecture() instanceof LayeredNetwork layered)
        || !layered.hasBatchNorm()
        || settings.batchNorm() == BatchNormMode.FROZEN
        || layered.batchNormMode() != BatchNormMode.FROZEN) {
      // No batch norm, the default, or a mode the caller chose for this model already.
      return model;
    }
    LabeledData data = samples.data();
    LabeledData calibration = data.range(0, Math.min(512, data.count()));
    Parameters p = model.parameters();
    return model.withParameters(
        new Parameters(
            layered.withBatchNormMode(settings.batchNorm(), calibration.features()), p.tensors()));
  }

  private static String samplesKey(LandscapeSamples samples) {
    return samples.split().label()
        + ":"
        + SliceCache.fingerprint(samples.indices(), samples.data());
  }

  /**
   * One slice: the model as it was evaluated (in {@code --bn-mode}), the directions it was taken
   * along, and its grid.
   */
  private record Slice(WeightsToSlice sliced, DirectionPair directions, LandscapeGrid grid) {}

  private Slice slice(
      WeightsToSlice model,
      int pair,
      LandscapeSamples samples,
      String samplesKey,
      SharedTask shown) {
    DirectionSpec spec = settings.directions(pair);
    DirectionPair directions = RandomDirections.draw(model.parameters(), spec);
    model = withBatchNormMode(model, samples);
    String label =
        String.format(
            Locale.ROOT,
            "%s pair %d/%d",
            model.run().folder(),
            pair + 1,
            settings.directionPairs());
    return new Slice(
        model, directions, slice(model, directions, samples, samplesKey, label, shown));
  }

  /**
   * A radius smaller than the grid spacing holds only the centre: its sharpness is 0 by
   * construction.
   */
  private void warnAboutRadiiBelowTheGridSpacing() {
    GridSpec grid = settings.grid();
    double reach = Math.min(-grid.min(), grid.max());
    for (double eps : settings.radii()) {
      if (eps > reach) {
        LOG.warn(
            "--eps {} reaches beyond the grid (it extends {} from the centre): that ball is clipped"
                + " by the square; use a wider --range",
            eps,
            reach);
      }
      if (eps < grid.spacing()) {
        LOG.warn(
            "--eps {} is below the grid spacing {}: only the centre lies in that ball, so its"
                + " sharpness is 0 by construction; use a larger --grid-size or a smaller --range",
            eps,
            String.format(Locale.ROOT, "%.4g", grid.spacing()));
      }
    }
  }

  /**
   * Evaluates one slice, or takes it from the cache of finished slices, adding its rows to {@code
   * shown} as they finish.
   */
  private LandscapeGrid slice(
      WeightsToSlice model,
      DirectionPair directions,
      LandscapeSamples samples,
      String samplesKey,
      String label,
      SharedTask shown) {
    String key =
        SliceCache.key(
            model.parameters(),
            directions.spec(),
            settings.grid(),
            samplesKey,
            evaluator.getClass().getSimpleName() + "/" + execution);
    Optional<LandscapeGrid> cached = cache.load(key, settings.grid());
    if (cached.isPresent()) {
      shown.add(settings.grid().size(), "");
      shown.log(() -> LOG.info("{}: reusing the slice an earlier run finished", label));
      return cached.get();
    }
    long started = System.nanoTime();
    LandscapeGrid grid =
        evaluator.evaluate(
            model.parameters(),
            directions,
            settings.grid(),
            samples.data(),
            (done, rows) -> shown.add(1, label));
    cache.store(key, grid);
    shown.log(
        () ->
            LOG.info(
                "{}: {}x{} grid on {} {} samples in {}; centre loss {}, max {}",
                label,
                settings.grid().size(),
                settings.grid().size(),
                samples.data().count(),
                samples.split().label(),
                StageTimer.formatSeconds((System.nanoTime() - started) / 1e9),
                String.format(Locale.ROOT, "%.4f", grid.centreLoss()),
                String.format(Locale.ROOT, "%.4f", grid.maxLoss())));
    return grid;
  }

  /**
   * Slices {@code model} with raw (un-normalized) directions of the first seed, for the comparison
   * figure.
   */
  public LandscapeGrid rawSlice(WeightsToSlice model, LandscapeSamples samples) {
    DirectionPair raw =
        RandomDirections.draw(
            model.parameters(),
            new DirectionSpec(
                Normalization.NONE,
                settings.biasRule(),
                settings.batchNormRule(),
                settings.directionSeed()));
    LandscapeGrid grid;
    try (SharedTask shown =
        new SharedTask(progress, "raw directions", settings.grid().size(), "row")) {
      grid =
          slice(
              model,
              raw,
              samples,
              samplesKey(samples),
              model.run().folder() + " raw directions",
              shown);
    }
    writeGrid(output.directory().resolve(model.run().folder()).resolve("raw_directions"), grid);
    return grid;
  }

  private void write(ModelLandscape landscape, LandscapeSamples samples) {
    Path dir = output.directory().resolve(landscape.run().folder());
    writeGrid(dir, landscape.primary());
    // The same slice for Li et al.'s plot_2D.py, plot_surface.py and h52vtp.py.
    SurfaceHdf5.write(
        dir.resolve("surface.h5"),
        landscape.primary(),
        samples.split() == DataSplit.TEST ? SurfaceHdf5.Split.TEST : SurfaceHdf5.Split.TRAIN);
    double[] coords = settings.grid().coordinates();
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
