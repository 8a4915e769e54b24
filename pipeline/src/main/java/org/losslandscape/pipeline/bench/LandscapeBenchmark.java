package org.losslandscape.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The measurements behind the {@code bench} command. Everything is timed in one process on the same
 * weights, directions and samples, and the repeats of different evaluators are interleaved (repeat
 * 1 of each, then repeat 2 of each, ...), so that a change in the load of a shared machine hits all
 * of them alike and their ratios stay meaningful.
 */
public final class LandscapeBenchmark {

  private static final Logger LOG = LogManager.getLogger(LandscapeBenchmark.class);

  private LandscapeBenchmark() {}

  /**
   * An evaluator to time and the grid to time it on.
   *
   * @param name label in the report
   * @param evaluator the evaluator
   * @param grid its grid (the per-point reference may get a smaller one)
   * @param flops floating-point operations credited to one slice (see {@link FlopModel})
   * @param slices slices one evaluation makes (more than 1 when they run on several lanes at once)
   * @param lanes lanes the evaluation runs on
   */
  public record Candidate(
      String name,
      LandscapeEvaluator evaluator,
      GridSpec grid,
      double flops,
      int slices,
      int lanes) {

    /** One slice on one lane. */
    public Candidate(String name, LandscapeEvaluator evaluator, GridSpec grid, double flops) {
      this(name, evaluator, grid, flops, 1, 1);
    }
  }

  /**
   * An evaluator that makes {@code slices} copies of the slice asked for on {@code lanes}, as the
   * study's landscape stage runs its slices, and returns the first: timing it gives the study's
   * throughput.
   */
  public static LandscapeEvaluator onLanes(LandscapeEvaluator single, Lanes lanes, int slices) {
    return (theta, directions, grid, samples, progress) ->
        lanes
            .map(
                java.util.Collections.nCopies(slices, directions),
                d -> single.evaluate(theta, d, grid, samples, LandscapeEvaluator.RowProgress.NONE))
            .get(0);
  }

  /**
   * GFLOP/s of {@code lanes} float32 {@code n x n} matrix products running at once, one per lane,
   * each lane timing {@code runs} products after one warm-up: the machine's practical peak when
   * every lane is busy.
   */
  public static double matMulOnLanes(ExecutionSettings settings, int n, int runs, Lanes lanes) {
    List<Timing> perLane =
        lanes.map(
            java.util.Collections.nCopies(lanes.count(), n), size -> matMul(settings, size, runs));
    double total = 0;
    for (Timing t : perLane) {
      total += FlopModel.squareMatMul(n) / t.median() / 1e9;
    }
    return total;
  }

  /**
   * What one candidate measured.
   *
   * @param candidate what was timed
   * @param timing seconds per evaluation of the whole grid, per repeat
   * @param grid the landscape of the last repeat (to compare evaluators)
   * @param samples examples per point
   */
  public record Measured(Candidate candidate, Timing timing, LandscapeGrid grid, int samples) {

    /** Grid points per slice. */
    public long points() {
      return (long) candidate.grid().size() * candidate.grid().size();
    }

    /** Median seconds per slice. */
    public double medianPerSlice() {
      return timing.median() / candidate.slices();
    }

    /** Points times samples per second, from the median time. */
    public double pointSamplesPerSecond() {
      return points() * (double) samples / medianPerSlice();
    }

    /** Executed GFLOP/s, from the median time. */
    public double gflops() {
      return candidate.flops() / medianPerSlice() / 1e9;
    }
  }

  /** Times every candidate {@code repeats} times, interleaved. */
  public static List<Measured> time(
      List<Candidate> candidates,
      Parameters theta,
      DirectionPair directions,
      LabeledData samples,
      int repeats) {
    List<List<Double>> seconds = new ArrayList<>();
    List<LandscapeGrid> last = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      seconds.add(new ArrayList<>());
      last.add(null);
    }
    for (int repeat = 1; repeat <= repeats; repeat++) {
      for (int c = 0; c < candidates.size(); c++) {
        Candidate candidate = candidates.get(c);
        long started = System.nanoTime();
        LandscapeGrid grid =
            candidate
                .evaluator()
                .evaluate(
                    theta,
                    directions,
                    candidate.grid(),
                    samples,
                    LandscapeEvaluator.RowProgress.NONE);
        double s = (System.nanoTime() - started) / 1e9;
        seconds.get(c).add(s);
        last.set(c, grid);
        LOG.info(
            "repeat {}/{}: {} on {}x{} x {} samples: {} s",
            repeat,
            repeats,
            candidate.name(),
            candidate.grid().size(),
            candidate.grid().size(),
            samples.count(),
            String.format("%.3f", s));
      }
    }
    List<Measured> out = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      out.add(
          new Measured(
              candidates.get(c), new Timing(seconds.get(c)), last.get(c), samples.count()));
    }
    return out;
  }

  /**
   * Seconds of one float32 {@code n x n} matrix product through TensorFlow with these settings, per
   * run ({@code runs} timed runs after one untimed warm-up). The inputs are fed tensors created
   * once, and the product is run as a target without fetching it, so that only the product is
   * timed.
   */
  public static Timing matMul(ExecutionSettings settings, int n, int runs) {
    float[] values = new float[n * n];
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    List<Double> seconds = new ArrayList<>();
    try (Graph graph = new Graph()) {
      Ops tf = settings.ops(graph);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class);
      MatMul<TFloat32> product = tf.linalg.matMul(a, b);
      try (Session session = settings.openSession(graph);
          TFloat32 left = Tensors.floats(values, n, n);
          TFloat32 right = Tensors.floats(values, n, n)) {
        for (int run = 0; run <= runs; run++) {
          long started = System.nanoTime();
          session.runner().feed(a, left).feed(b, right).addTarget(product).run().close();
          if (run > 0) {
            seconds.add((System.nanoTime() - started) / 1e9);
          }
        }
      }
    }
    return new Timing(seconds);
  }

  /**
   * How far two landscapes of the same grid are apart.
   *
   * @param maxAbsLoss largest |loss difference|
   * @param maxRelLoss largest |loss difference| / |loss of the reference|
   * @param accuracyMismatches points whose accuracies differ
   * @param maxAbsAccuracy largest |accuracy difference|
   */
  public record Difference(
      double maxAbsLoss, double maxRelLoss, int accuracyMismatches, double maxAbsAccuracy) {

    /** {@code candidate} against {@code reference}. */
    public static Difference of(LandscapeGrid candidate, LandscapeGrid reference) {
      double maxAbs = 0;
      double maxRel = 0;
      int mismatches = 0;
      double maxAcc = 0;
      int n = reference.spec().size();
      if (candidate.spec().size() != n) {
        throw new IllegalArgumentException(
            "grids differ in size: " + candidate.spec().size() + " vs " + n);
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double d = Math.abs(candidate.loss()[i][j] - reference.loss()[i][j]);
          maxAbs = Math.max(maxAbs, d);
          maxRel = Math.max(maxRel, d / Math.abs(reference.loss()[i][j]));
          double a = Math.abs(candidate.accuracy()[i][j] - reference.accuracy()[i][j]);
          mismatches += a > 0 ? 1 : 0;
          maxAcc = Math.max(maxAcc, a);
        }
      }
      return new Difference(maxAbs, maxRel, mismatches, maxAcc);
    }
  }
}
