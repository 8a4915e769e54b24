package org.losslandscape.models.landscape;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.OneHot;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Evaluates the slice with the first layer decomposed: that layer is affine in the grid
 * coordinates,
 *
 * <pre>
 *   X (W + a D1 + b D2) + (c + a e1 + b e2) = P + a Q + b R,
 *   P = X W + c,   Q = X D1 + e1,   R = X D2 + e2,
 * </pre>
 *
 * so the three products with the wide input ({@code X} is {@code [samples, 784]}) are computed once
 * per sample chunk instead of once per grid point. ({@code e1} and {@code e2} are the bias parts of
 * the directions, zero unless biases are perturbed.) Each point then costs only {@code relu(P + a Q
 * + b R)} and the narrower layers 2..L with their perturbed weights.
 *
 * <p>How the per-point work is expressed matters as much as the algebra (measurements in the {@code
 * bench} command, whose table is in results/README.md, "Speed"):
 *
 * <ul>
 *   <li>{@code P}, {@code Q} and {@code R} are computed in their own run per sample chunk and kept
 *       as tensors that later runs are fed, so any number of grid rows can reuse them;
 *   <li>a point's first-layer activation is one op: {@code MatMul([a, b], [Q; R])} with {@code P}
 *       as the bias and a ReLU, which grappler fuses into a single oneDNN kernel with no broadcast
 *       temporaries (the literal broadcast form is ~1.5x slower);
 *   <li>the perturbed weights of layers 2..L are built inside the graph, again as one {@code
 *       MatMul([a, b], [D1; D2]) + W} per point, and applied by plain 2-D {@code MatMul + BiasAdd
 *       (+ Relu)}, which grappler fuses (the batched {@code BatchMatMulV2} is never fused);
 *   <li>the output layer is computed transposed, {@code [classes, samples]}, so that the
 *       hand-written log-sum-exp of {@link MlpGraph#perExample(Ops, Operand, Operand, int)} reduces
 *       over the outer axis (vectorized) rather than over an inner axis of 10 (not); that made the
 *       class reductions 4-8x cheaper and the whole grid ~8% faster; the logits are {@code (h W +
 *       b)^T} (a fused product and a transpose), ~7% faster than {@code W^T h^T} with both operands
 *       transposed;
 *   <li>grappler runs one lean round (fusion kept, the passes that find nothing here dropped): it
 *       optimizes a graph of hundreds of per-point ops, and its default rounds cost ~0.1 s per
 *       evaluation.
 * </ul>
 *
 * <p>Every architecture is covered, so this evaluator never needs the row-batched one: with no
 * hidden layer the whole network is affine in the coordinates and {@code P + a Q + b R} (without
 * the ReLU) already are the logits, which makes the same kernel exact.
 *
 * <p>Memory is bounded for any grid size and sample count: samples are processed in chunks, the
 * number of points per run shrinks when activations would exceed a budget, and the cached {@code P,
 * Q, R} of all chunks ({@code 3 x samples x width} floats) are held only up to a budget; beyond it
 * the samples are swept in several passes (then rows finish, and are reported, during the last
 * pass).
 */
public final class DecomposedLandscapeEvaluator implements LandscapeEvaluator {

  /**
   * The defaults, chosen by measurement on the 784-128-64-10 network, 31x31 grid: 10,000 samples
   * per run beat 5,000 (by ~10%) and 2,500 (by ~30%); one row per run beat two (by ~10%) and four
   * (by ~50%), since more points per run only add graph and scheduling work; sharing one read of P,
   * Q, R between 2-8 points did not help either. Thread settings made no difference.
   */
  public static final Tuning DEFAULT_TUNING = new Tuning(10_000, 1, 512L << 20, 512L << 20);

  private final ExecutionSettings settings;
  private final Tuning tuning;
  private final Precision precision;

  /** With the measured default tuning, in float32. */
  public DecomposedLandscapeEvaluator(ExecutionSettings settings) {
    this(settings, DEFAULT_TUNING, Precision.FLOAT32);
  }

  /**
   * With an explicit tuning (benchmarks and tests use it to vary chunks and points per run), in
   * float32.
   */
  public DecomposedLandscapeEvaluator(ExecutionSettings settings, Tuning tuning) {
    this(settings, tuning, Precision.FLOAT32);
  }

  /** With an explicit tuning and arithmetic precision. */
  public DecomposedLandscapeEvaluator(
      ExecutionSettings settings, Tuning tuning, Precision precision) {
    this.settings = settings;
    this.tuning = tuning;
    this.precision = precision;
  }

  /** The arithmetic of the matrix products. */
  public enum Precision {
    /** Plain float32 throughout: the default, equal to the per-point reference to ~1e-6. */
    FLOAT32,
    /**
     * Opt-in, never the default: TensorFlow's oneDNN auto-mixed-precision pass runs the matrix
     * products in bfloat16 (8-bit mantissa) where the CPU supports it (AVX512_BF16, AMX), and
     * leaves the graph in float32 where it does not. ~15% faster here, but on a 31x31 grid the
     * losses moved by up to ~1% relative and the accuracies by up to ~0.5 percentage points; the
     * bench command measures both the speed and the error.
     */
    BFLOAT16
  }

  /**
   * Knobs that change speed and memory, never results (beyond float summation order).
   *
   * @param samplesPerRun largest sample chunk per {@code Session.run}
   * @param rowsPerRun grid rows evaluated per {@code Session.run}
   * @param activationBudgetBytes bound on the activations of one run, as if every point of the run
   *     held all its layer outputs at once
   * @param firstLayerCacheBytes bound on the cached {@code P, Q, R} of all chunks of one pass
   */
  public record Tuning(
      int samplesPerRun, int rowsPerRun, long activationBudgetBytes, long firstLayerCacheBytes) {

    public Tuning {
      if (samplesPerRun < 1
          || rowsPerRun < 1
          || activationBudgetBytes < 1
          || firstLayerCacheBytes < 1) {
        throw new IllegalArgumentException(
            "tuning values must be positive: samplesPerRun="
                + samplesPerRun
                + " rowsPerRun="
                + rowsPerRun
                + " activationBudgetBytes="
                + activationBudgetBytes
                + " firstLayerCacheBytes="
                + firstLayerCacheBytes);
      }
    }
  }

  /**
   * How a grid is cut into runs.
   *
   * @param chunkSamples samples per run
   * @param rowsPerRun grid rows per run
   * @param chunksPerPass sample chunks whose {@code P, Q, R} are held at once
   */
  record Plan(int chunkSamples, int rowsPerRun, int chunksPerPass) {}

  /**
   * The plan for {@code architecture}, an {@code n x n} grid and {@code samples} examples: the
   * requested rows and samples per run, reduced (rows first, then samples) until one run's
   * activations fit the budget, and as many cached chunks per pass as the cache budget holds.
   */
  static Plan plan(MlpArchitecture architecture, int n, int samples, Tuning tuning) {
    long perPointSample = activationBytesPerPointAndSample(architecture);
    int chunk = Math.max(1, Math.min(samples, tuning.samplesPerRun()));
    int rows = Math.min(n, tuning.rowsPerRun());
    while (rows > 1 && (long) rows * n * chunk * perPointSample > tuning.activationBudgetBytes()) {
      rows--;
    }
    chunk =
        (int)
            Math.max(
                1,
                Math.min(
                    chunk, tuning.activationBudgetBytes() / ((long) rows * n * perPointSample)));
    long cachePerChunk = firstLayerBytesPerSample(architecture) * chunk;
    int chunks = (samples + chunk - 1) / chunk;
    int perPass =
        (int) Math.max(1, Math.min(chunks, tuning.firstLayerCacheBytes() / cachePerChunk));
    return new Plan(chunk, rows, perPass);
  }

  /** P, Q and R: three first-layer-wide float rows per sample. */
  static long firstLayerBytesPerSample(MlpArchitecture architecture) {
    return 3L * architecture.layerOutput(0) * Float.BYTES;
  }

  /**
   * Floats one point needs per sample if nothing were freed early: every layer output, plus the
   * loss's temporaries, which are a few logit-sized tensors.
   */
  static long activationBytesPerPointAndSample(MlpArchitecture architecture) {
    long floats = 4L * architecture.classes();
    for (int width : architecture.hidden()) {
      floats += width;
    }
    return floats * Float.BYTES;
  }

  @Override
  public LandscapeGrid evaluate(
      Parameters theta,
      DirectionPair directions,
      GridSpec grid,
      LabeledData samples,
      RowProgress progress) {
    if (!(theta.architecture() instanceof MlpArchitecture architecture)) {
      return new NetworkLandscapeEvaluator(settings)
          .evaluate(theta, directions, grid, samples, progress);
    }
    int n = grid.size();
    Plan plan = plan(architecture, n, samples.count(), tuning);
    double[] coords = grid.coordinates();
    double[][] lossSums = new double[n][n];
    double[][] correctSums = new double[n][n];

    try (Graph graph = new Graph()) {
      Kernel kernel = new Kernel(settings.ops(graph), theta, directions, plan.rowsPerRun() * n);
      try (Session session = new Session(graph, sessionConfig(settings, precision))) {
        int chunks = (samples.count() + plan.chunkSamples() - 1) / plan.chunkSamples();
        for (int passStart = 0; passStart < chunks; passStart += plan.chunksPerPass()) {
          int passEnd = Math.min(chunks, passStart + plan.chunksPerPass());
          boolean lastPass = passEnd == chunks;
          List<FirstLayer> cached = new ArrayList<>();
          try {
            for (int c = passStart; c < passEnd; c++) {
              int from = c * plan.chunkSamples();
              int to = Math.min(samples.count(), from + plan.chunkSamples());
              // One chunk of everything (the usual case) needs no 31 MB Java copy.
              cached.add(
                  kernel.firstLayer(
                      session,
                      from == 0 && to == samples.count() ? samples : samples.range(from, to)));
            }
            for (int row = 0; row < n; row += plan.rowsPerRun()) {
              int rows = Math.min(plan.rowsPerRun(), n - row);
              try (TFloat32 coefficients = coefficients(coords, row, rows)) {
                for (FirstLayer chunk : cached) {
                  kernel.addSums(session, chunk, coefficients, rows, n, row, lossSums, correctSums);
                }
              }
              if (lastPass) {
                for (int r = row; r < row + rows; r++) {
                  progress.rowDone(r + 1, n);
                }
              }
            }
          } finally {
            cached.forEach(FirstLayer::close);
          }
        }
      }
    }
    double[][] loss = new double[n][n];
    double[][] accuracy = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        loss[i][j] = lossSums[i][j] / samples.count();
        accuracy[i][j] = correctSums[i][j] / samples.count();
      }
    }
    return new LandscapeGrid(grid, loss, accuracy, samples.count());
  }

  /**
   * Points the plane function evaluates per run: one, so that every run fetches the same outputs. A
   * disk search asks for 20-45 points at a time, a different number each round, and a run that
   * fetches a different set of outputs makes TensorFlow prune, optimize and instantiate a new
   * executor (50-90 ms here); with 40 points per run those executors cost a search more than its
   * points did. One point per run is as fast per point as the grid's rows (~1.9 ms on 10,000
   * samples on one core) and builds one executor.
   */
  static final int FUNCTION_POINTS_PER_RUN = 1;

  /**
   * The slice of {@code theta} along {@code directions} as a function of the plane: the mean loss
   * at any (alpha, beta), for searches that need points off the grid (the disk maximum behind slice
   * sharpness). It holds a graph, a session and the first-layer products of every sample chunk
   * until closed; each call evaluates its points in runs of {@link #FUNCTION_POINTS_PER_RUN}, with
   * the grid's arithmetic, so a point of the grid gets the grid's value.
   */
  @Override
  public PlaneSlice function(
      Parameters theta, DirectionPair directions, GridSpec grid, LabeledData samples) {
    if (!(theta.architecture() instanceof MlpArchitecture architecture)) {
      return new NetworkLandscapeEvaluator(settings).function(theta, directions, grid, samples);
    }
    // The grid's chunks, which its activation budget may have made smaller than samplesPerRun.
    int chunk = plan(architecture, grid.size(), samples.count(), tuning).chunkSamples();
    return new SliceFunction(theta, directions, samples, chunk);
  }

  /** See {@link #function}. Not thread-safe; close it. */
  public final class SliceFunction implements PlaneSlice {
    private final Graph graph;
    private final Session session;
    private final Kernel kernel;
    private final List<FirstLayer> chunks = new ArrayList<>();
    private final int count;

    SliceFunction(Parameters theta, DirectionPair directions, LabeledData samples, int chunk) {
      this.count = samples.count();
      this.graph = new Graph();
      Session opened = null;
      try {
        kernel = new Kernel(settings.ops(graph), theta, directions, FUNCTION_POINTS_PER_RUN);
        opened = new Session(graph, sessionConfig(settings, precision));
        for (int from = 0; from < count; from += chunk) {
          int to = Math.min(count, from + chunk);
          chunks.add(
              kernel.firstLayer(
                  opened, from == 0 && to == count ? samples : samples.range(from, to)));
        }
      } catch (RuntimeException | Error e) {
        chunks.forEach(FirstLayer::close);
        if (opened != null) {
          opened.close();
        }
        graph.close();
        throw e;
      }
      this.session = opened;
    }

    /** The mean loss at every (a[i], b[i]). */
    @Override
    public double[] at(double[] a, double[] b) {
      double[] loss = new double[a.length];
      for (int from = 0; from < a.length; from += FUNCTION_POINTS_PER_RUN) {
        int points = Math.min(FUNCTION_POINTS_PER_RUN, a.length - from);
        float[] values = new float[2 * FUNCTION_POINTS_PER_RUN];
        for (int k = 0; k < points; k++) {
          values[2 * k] = (float) a[from + k];
          values[2 * k + 1] = (float) b[from + k];
        }
        try (TFloat32 coefficients = Tensors.floats(values, FUNCTION_POINTS_PER_RUN, 2)) {
          for (FirstLayer chunk : chunks) {
            float[][] sums = kernel.pointSums(session, chunk, coefficients, points);
            for (int k = 0; k < points; k++) {
              loss[from + k] += sums[0][k];
            }
          }
        }
      }
      for (int i = 0; i < loss.length; i++) {
        loss[i] /= count;
      }
      return loss;
    }

    @Override
    public void close() {
      try {
        chunks.forEach(FirstLayer::close);
        session.close();
      } finally {
        graph.close();
      }
    }
  }

  /**
   * {@code [rows * n, 2]}: the (alpha, beta) of every point of rows {@code row..row+rows-1},
   * row-major.
   */
  private static TFloat32 coefficients(double[] coords, int row, int rows) {
    int n = coords.length;
    float[] values = new float[rows * n * 2];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        values[2 * (r * n + j)] = (float) coords[row + r];
        values[2 * (r * n + j) + 1] = (float) coords[j];
      }
    }
    return Tensors.floats(values, (long) rows * n, 2);
  }

  /** The cached first-layer terms of one sample chunk, and its labels. */
  private record FirstLayer(Result result, TInt32 labels) implements AutoCloseable {

    /** {@code P}, flattened to {@code [samples * width]}. */
    TFloat32 p() {
      return (TFloat32) result.get(0);
    }

    /** {@code [Q; R]}, shaped {@code [2, samples * width]}. */
    TFloat32 qr() {
      return (TFloat32) result.get(1);
    }

    @Override
    public void close() {
      try {
        result.close();
      } finally {
        labels.close();
      }
    }
  }

  /** The ops: one subgraph computing P, Q, R from a chunk, one evaluating many points from them. */
  private static final class Kernel {
    private final Ops tf;
    private final Placeholder<TFloat32> x;
    private final Operand<TFloat32> pOut;
    private final Operand<TFloat32> qrOut;
    private final Placeholder<TFloat32> p;
    private final Placeholder<TFloat32> qr;
    private final Placeholder<TInt32> labels;
    private final Placeholder<TFloat32> coefficients;
    private final List<Operand<TFloat32>> lossSums = new ArrayList<>();
    private final List<Operand<TFloat32>> correctSums = new ArrayList<>();
    private final Operand<TInt32> sampleAxis;

    Kernel(Ops tf, Parameters theta, DirectionPair directions, int points) {
      this.tf = tf;
      MlpArchitecture architecture = (MlpArchitecture) theta.architecture();
      int width = architecture.layerOutput(0);
      Parameters d1 = directions.d1();
      Parameters d2 = directions.d2();

      // P = X W + c and [Q | R] = X [D1 | D2] + [e1 | e2]: one product for both directions.
      x = tf.placeholder(TFloat32.class);
      int in = architecture.inputSize();
      pOut =
          tf.reshape(
              tf.nn.biasAdd(
                  tf.linalg.matMul(x, constant(theta.kernel(0).values(), in, width)),
                  constant(theta.bias(0).values(), width)),
              tf.constant(new long[] {-1}));
      Operand<TFloat32> xd =
          tf.linalg.matMul(
              x,
              constant(
                  sideBySide(d1.kernel(0).values(), d2.kernel(0).values(), in, width),
                  in,
                  2L * width));
      if (isNonZero(d1.bias(0).values()) || isNonZero(d2.bias(0).values())) {
        xd =
            tf.nn.biasAdd(
                xd, constant(concat(d1.bias(0).values(), d2.bias(0).values()), 2L * width));
      }
      // [samples, 2 * width] -> [2, samples * width], so that a point's pre-activation is the
      // K = 2 product [a, b] x [Q; R], laid out exactly like the flattened P.
      qrOut =
          tf.reshape(
              tf.linalg.transpose(
                  tf.reshape(xd, tf.constant(new long[] {-1, 2, width})),
                  tf.constant(new int[] {1, 0, 2})),
              tf.constant(new long[] {2, -1}));

      p = tf.placeholder(TFloat32.class);
      qr = tf.placeholder(TFloat32.class);
      labels = tf.placeholder(TInt32.class);
      coefficients = tf.placeholder(TFloat32.class);
      // Labels one-hot as [classes, samples], matching the transposed logits below (and as
      // [samples, classes] for a net without hidden layers, whose logits are P + a Q + b R).
      boolean affine = architecture.layerCount() == 1;
      Operand<TFloat32> oneHot =
          tf.oneHot(
              labels,
              tf.constant(architecture.classes()),
              tf.constant(1f),
              tf.constant(0f),
              OneHot.axis(affine ? -1L : 0L));
      Operand<TInt64> activationShape = tf.constant(new long[] {-1, width});
      Operand<TInt64> flat = tf.constant(new long[] {-1});
      Operand<TInt32> classesFirst = tf.constant(new int[] {1, 0});
      sampleAxis = tf.constant(new int[] {0});

      // Constants of layers 2..L, shared by every point: W flattened, [D1; D2] flattened.
      List<Operand<TFloat32>> kernels = new ArrayList<>();
      List<Operand<TFloat32>> kernelSteps = new ArrayList<>();
      List<Operand<TFloat32>> biases = new ArrayList<>();
      List<Operand<TFloat32>> biasSteps = new ArrayList<>();
      List<Operand<TInt64>> kernelShapes = new ArrayList<>();
      for (int layer = 1; layer < architecture.layerCount(); layer++) {
        long size = (long) architecture.layerInput(layer) * architecture.layerOutput(layer);
        kernelShapes.add(
            tf.constant(
                new long[] {architecture.layerInput(layer), architecture.layerOutput(layer)}));
        int out = architecture.layerOutput(layer);
        kernels.add(constant(theta.kernel(layer).values(), size));
        kernelSteps.add(
            constant(concat(d1.kernel(layer).values(), d2.kernel(layer).values()), 2, size));
        biases.add(constant(theta.bias(layer).values(), out));
        boolean perturbed =
            isNonZero(d1.bias(layer).values()) || isNonZero(d2.bias(layer).values());
        biasSteps.add(
            perturbed
                ? constant(concat(d1.bias(layer).values(), d2.bias(layer).values()), 2, out)
                : null);
      }

      for (int point = 0; point < points; point++) {
        Operand<TFloat32> ab =
            tf.slice(
                coefficients, tf.constant(new int[] {point, 0}), tf.constant(new int[] {1, 2}));
        Operand<TFloat32> h = tf.nn.biasAdd(tf.linalg.matMul(ab, qr), p);
        if (affine) {
          lossAndCorrectSums(MlpGraph.perExample(tf, tf.reshape(h, activationShape), oneHot, -1));
          continue;
        }
        h = tf.reshape(tf.nn.relu(h), activationShape);
        for (int layer = 1; layer < architecture.layerCount(); layer++) {
          int i = layer - 1;
          Operand<TFloat32> w =
              tf.reshape(
                  tf.nn.biasAdd(tf.linalg.matMul(ab, kernelSteps.get(i)), kernels.get(i)),
                  kernelShapes.get(i));
          Operand<TFloat32> b =
              biasSteps.get(i) == null
                  ? biases.get(i)
                  : tf.reshape(
                      tf.nn.biasAdd(tf.linalg.matMul(ab, biasSteps.get(i)), biases.get(i)), flat);
          if (layer < architecture.layerCount() - 1) {
            h = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(h, w), b));
          } else {
            // Logits transposed to [classes, samples] for the class reductions (see the class
            // comment): as (h W + b)^T, a fused MatMul + BiasAdd and a 400 kB transpose, which
            // beat the product W^T h^T with both operands transposed by ~0.1 ms a point.
            h = tf.linalg.transpose(tf.nn.biasAdd(tf.linalg.matMul(h, w), b), classesFirst);
          }
        }
        lossAndCorrectSums(MlpGraph.perExample(tf, h, oneHot, 0));
      }
    }

    private void lossAndCorrectSums(MlpGraph.PerExample perExample) {
      lossSums.add(tf.reduceSum(perExample.loss(), sampleAxis));
      correctSums.add(tf.reduceSum(perExample.correct(), sampleAxis));
    }

    /** Runs the first-layer subgraph on one chunk; the caller closes the result. */
    FirstLayer firstLayer(Session session, LabeledData chunk) {
      TInt32 chunkLabels = Tensors.ints(chunk.labels(), chunk.count());
      try (TFloat32 features =
          Tensors.floats(chunk.features(), chunk.count(), chunk.featureSize())) {
        Result result = session.runner().feed(x, features).fetch(pOut).fetch(qrOut).run();
        return new FirstLayer(result, chunkLabels);
      } catch (RuntimeException | Error e) {
        chunkLabels.close();
        throw e;
      }
    }

    /** Adds the loss and correct-count sums of one chunk at rows {@code row..row+rows-1}. */
    void addSums(
        Session session,
        FirstLayer chunk,
        TFloat32 coefficientTensor,
        int rows,
        int n,
        int row,
        double[][] lossTotals,
        double[][] correctTotals) {
      float[][] sums = pointSums(session, chunk, coefficientTensor, rows * n);
      for (int k = 0; k < rows * n; k++) {
        lossTotals[row + k / n][k % n] += sums[0][k];
        correctTotals[row + k / n][k % n] += sums[1][k];
      }
    }

    /**
     * The loss and correct-count sums over one chunk of the first {@code points} points of the
     * coefficients fed; fetching only those prunes the others when a run is short.
     */
    float[][] pointSums(Session session, FirstLayer chunk, TFloat32 coefficientTensor, int points) {
      Session.Runner runner =
          session
              .runner()
              .feed(p, chunk.p())
              .feed(qr, chunk.qr())
              .feed(labels, chunk.labels())
              .feed(coefficients, coefficientTensor);
      for (int k = 0; k < points; k++) {
        runner.fetch(lossSums.get(k)).fetch(correctSums.get(k));
      }
      float[][] out = new float[2][points];
      try (Result result = runner.run()) {
        for (int k = 0; k < points; k++) {
          out[0][k] = ((TFloat32) result.get(2 * k)).getFloat();
          out[1][k] = ((TFloat32) result.get(2 * k + 1)).getFloat();
        }
      }
      return out;
    }

    private Operand<TFloat32> constant(float[] values, long... shape) {
      return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
    }
  }

  /**
   * The session configuration: {@code settings}' devices and threads, with grappler cut to one
   * round of the passes that matter here. The remapper stays on (it fuses MatMul + BiasAdd + Relu);
   * constant folding, arithmetic, layout, memory and the other passes found nothing to improve in
   * this graph but cost ~0.1 s per evaluation on its hundreds of per-point ops.
   */
  static ConfigProto sessionConfig(ExecutionSettings settings, Precision precision) {
    RewriterConfig.Toggle off = RewriterConfig.Toggle.OFF;
    RewriterConfig.Builder rewrite =
        RewriterConfig.newBuilder()
            .setMetaOptimizerIterations(RewriterConfig.NumIterationsType.ONE)
            .setConstantFolding(off)
            .setArithmeticOptimization(off)
            .setDependencyOptimization(off)
            .setLoopOptimization(off)
            .setLayoutOptimizer(off)
            .setShapeOptimization(off)
            .setCommonSubgraphElimination(off)
            .setFunctionOptimization(off)
            .setDebugStripper(off)
            .setPinToHostOptimization(off)
            .setImplementationSelector(off)
            .setMemoryOptimization(RewriterConfig.MemOptType.NO_MEM_OPT);
    if (precision == Precision.BFLOAT16) {
      rewrite.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
    }
    ConfigProto base = settings.sessionConfig();
    return base.toBuilder()
        .setGraphOptions(base.getGraphOptions().toBuilder().setRewriteOptions(rewrite))
        .build();
  }

  /** {@code [rows, cols]} a and b side by side: {@code [rows, 2 cols]}. */
  private static float[] sideBySide(float[] a, float[] b, int rows, int cols) {
    float[] out = new float[2 * a.length];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(a, r * cols, out, 2 * r * cols, cols);
      System.arraycopy(b, r * cols, out, 2 * r * cols + cols, cols);
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static boolean isNonZero(float[] values) {
    for (float v : values) {
      if (v != 0f) {
        return true;
      }
    }
    return false;
  }
}
