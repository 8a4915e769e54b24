package org.losslandscape.models.landscape;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.BatchNormMode;
import org.losslandscape.models.network.LinearFirstLayer;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.network.TensorSpec;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The slice of any {@link Network}: each run evaluates a batch of grid points (a grid row) on one
 * chunk of samples, every point's weights {@code theta + a d1 + b d2} formed in the graph from the
 * centre and the two directions, which are fed once per slice.
 *
 * <p>Shared work, where the network allows it:
 *
 * <ul>
 *   <li>a first layer linear in its weights ({@link LinearFirstLayer}: a dense or convolution
 *       layer) is computed three times per run, for the centre and the two directions, and combined
 *       per point as {@code P + a Q + b R} (by default; {@link FirstLayer#PER_POINT} runs it at
 *       every point, the reference the {@code bench} command compares with). The two agree to
 *       float32 rounding and exactly at the centre;
 *   <li>with {@link BatchNormMode#RECOMPUTE}, each point's statistics are estimated once, in a run
 *       of their own on the calibration samples, and fed to the runs of every sample chunk (the
 *       same statistics, computed by the same ops, as a pass carrying the calibration samples
 *       beside every chunk).
 * </ul>
 *
 * The MLP's {@link DecomposedLandscapeEvaluator} goes further (the first layer's products are kept
 * across rows, the per-point work fused); this one works for every network.
 *
 * <p>Memory: one run holds the activations of {@code points x chunk} samples; the chunk is chosen
 * so that stays within {@link #ACTIVATION_BUDGET_BYTES} (estimated from the inputs' size times a
 * factor for the layers' outputs, see {@link #chunkFor}), except with {@link BatchNormMode#BATCH},
 * whose chunk is the evaluated batch ({@link BatchNormMode#EVALUATED_BATCH}) whatever the points: a
 * grid row and a single point of the plane see the same statistics.
 */
public final class NetworkLandscapeEvaluator implements LandscapeEvaluator {

  /** Activations one run may hold. */
  static final long ACTIVATION_BUDGET_BYTES = 256L << 20;

  /** How a linear first layer is evaluated at the points of a run. */
  public enum FirstLayer {
    /**
     * Shared when each of the layer's outputs takes at least {@link #SHARING_MIN_MULTIPLY_ADDS}
     * multiply-adds, per point otherwise (the default).
     */
    AUTO,
    /** Its products with the centre and both directions, combined per point. */
    SHARED,
    /** The whole layer at every point. */
    PER_POINT
  }

  /**
   * The multiply-adds per output of the first layer from which sharing it pays. Combining the three
   * products costs a few passes over the layer's output at every point, which a narrow layer
   * computes about as fast: measured on this project's 2-core CPU, 11x11 grid x 1,000 samples,
   * sharing a 5x5 convolution on one channel (25 per output, LeNet's) gained nothing, 7x7 (49)
   * nothing, 11x11 (121) 1.4x, 16x16 (256) 1.9x, and a dense layer on 784 inputs 1.9x.
   */
  public static final int SHARING_MIN_MULTIPLY_ADDS = 100;

  private final ExecutionSettings settings;
  private final FirstLayer firstLayer;

  /** The default evaluator: a linear first layer shared between points where that pays. */
  public NetworkLandscapeEvaluator(ExecutionSettings settings) {
    this(settings, FirstLayer.AUTO);
  }

  public NetworkLandscapeEvaluator(ExecutionSettings settings, FirstLayer firstLayer) {
    this.settings = settings;
    this.firstLayer = firstLayer;
  }

  @Override
  public LandscapeGrid evaluate(
      Parameters theta,
      DirectionPair directions,
      GridSpec grid,
      LabeledData samples,
      RowProgress progress) {
    double[] c = grid.coordinates();
    int n = c.length;
    double[][] loss = new double[n][n];
    double[][] accuracy = new double[n][n];
    try (Slice slice = new Slice(theta, directions, samples, n, n)) {
      for (int i = 0; i < n; i++) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, c[i]);
        double[][] row = slice.evaluate(a, c);
        loss[i] = row[0];
        accuracy[i] = row[1];
        progress.rowDone(i + 1, n);
      }
    }
    return new LandscapeGrid(grid, loss, accuracy, samples.count());
  }

  @Override
  public PlaneSlice function(
      Parameters theta, DirectionPair directions, GridSpec grid, LabeledData samples) {
    // One point per run, summed over the chunks of the grid's runs (a row of points each).
    Slice slice = new Slice(theta, directions, samples, 1, grid.size());
    return new PlaneSlice() {
      @Override
      public double[] at(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
          out[i] = slice.evaluate(new double[] {a[i]}, new double[] {b[i]})[0][0];
        }
        return out;
      }

      @Override
      public void close() {
        slice.close();
      }
    };
  }

  /** The first layer {@code network}'s slice shares between points under {@code choice}, if any. */
  static java.util.Optional<LinearFirstLayer> sharedFirstLayer(Network network, FirstLayer choice) {
    return switch (choice) {
      case PER_POINT -> java.util.Optional.empty();
      case SHARED -> network.linearFirstLayer();
      case AUTO ->
          network
              .linearFirstLayer()
              .filter(first -> first.multiplyAddsPerOutput() >= SHARING_MIN_MULTIPLY_ADDS);
    };
  }

  /** True when the slice of {@code network} shares its first layer under {@code choice}. */
  public static boolean sharesFirstLayer(Network network, FirstLayer choice) {
    return sharedFirstLayer(network, choice).isPresent();
  }

  /** Samples per run for {@code points} points of {@code network} on {@code samples} examples. */
  static int chunkFor(Network network, int points, int samples) {
    // A conv layer's output is at most a few times its input; 32 input-sized tensors per sample
    // and point covers the built-in networks with room for the loss's temporaries.
    long perSample = 32L * network.inputShape().size() * Float.BYTES;
    long chunk = ACTIVATION_BUDGET_BYTES / Math.max(1, perSample * points);
    return (int) Math.max(1, Math.min(samples, chunk));
  }

  /** The graph and session of one slice: {@code points} weight sets per run. */
  private final class Slice implements AutoCloseable {
    private final GraphSession<Graph> session;
    private final Network network;
    private final LabeledData samples;
    private final int points;
    private final int chunk;
    private final boolean recompute;
    private final List<TFloat32> fedOnce = new ArrayList<>();

    /**
     * The slice's graph. The statistics part (only with recomputed batch norm) evaluates one point
     * {@code (statisticsA, statisticsB)} on the calibration samples; the main part takes each
     * point's statistics stacked in {@code pointStatistics}, {@code [points, ...]} per tensor.
     */
    private record Graph(
        List<Placeholder<TFloat32>> theta,
        List<Placeholder<TFloat32>> d1,
        List<Placeholder<TFloat32>> d2,
        Placeholder<TFloat32> a,
        Placeholder<TFloat32> b,
        Placeholder<TFloat32> x,
        Placeholder<TInt32> labels,
        Operand<TFloat32> lossSums,
        Operand<TFloat32> correctSums,
        Placeholder<TFloat32> statisticsA,
        Placeholder<TFloat32> statisticsB,
        List<Operand<TFloat32>> statistics,
        List<Placeholder<TFloat32>> pointStatistics) {}

    /**
     * {@code points} weight sets per run, the samples in the chunks a run of {@code chunkPoints}
     * points takes (so that a slice evaluated one point at a time sums like its grid's rows).
     */
    Slice(
        Parameters theta,
        DirectionPair directions,
        LabeledData samples,
        int points,
        int chunkPoints) {
      this.samples = samples;
      this.points = points;
      this.network = theta.architecture();
      this.recompute =
          network.batchNormMode() == BatchNormMode.RECOMPUTE && !network.stateSpecs().isEmpty();
      this.chunk =
          BatchNormMode.samplesPerPass(
              network, chunkFor(network, Math.max(points, chunkPoints), samples.count()));
      this.session = GraphSession.open(settings, tf -> build(tf, points));
      try {
        for (Parameters p : List.of(theta, directions.d1(), directions.d2())) {
          for (Parameter t : p.tensors()) {
            fedOnce.add(Tensors.floats(t.values(), Tensors.shape(t.shape())));
          }
        }
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
    }

    private Graph build(Ops tf, int points) {
      List<Placeholder<TFloat32>> theta = new ArrayList<>();
      List<Placeholder<TFloat32>> d1 = new ArrayList<>();
      List<Placeholder<TFloat32>> d2 = new ArrayList<>();
      for (int t = 0; t < network.parameterSpecs().size(); t++) {
        theta.add(tf.placeholder(TFloat32.class));
        d1.add(tf.placeholder(TFloat32.class));
        d2.add(tf.placeholder(TFloat32.class));
      }
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class);
      Operand<TFloat32> oneHot =
          tf.oneHot(labels, tf.constant(network.classes()), tf.constant(1f), tf.constant(0f));
      Operand<TInt32> axis0 = tf.constant(0);

      // Batch norm at each point: stored statistics (frozen), fed per point (recomputed), or the
      // evaluated chunk's own (an empty list, for the shared first layer).
      Placeholder<TFloat32> statisticsA = null;
      Placeholder<TFloat32> statisticsB = null;
      List<Operand<TFloat32>> statistics = List.of();
      List<Placeholder<TFloat32>> pointStatistics = new ArrayList<>();
      List<Operand<TFloat32>> frozen = new ArrayList<>();
      if (recompute) {
        statisticsA = tf.placeholder(TFloat32.class);
        statisticsB = tf.placeholder(TFloat32.class);
        statistics =
            network.recomputedState(tf, pointWeights(tf, theta, d1, d2, statisticsA, statisticsB));
        for (int s = 0; s < network.stateSpecs().size(); s++) {
          pointStatistics.add(tf.placeholder(TFloat32.class));
        }
      } else if (network.batchNormMode() == BatchNormMode.FROZEN) {
        for (int s = 0; s < network.stateSpecs().size(); s++) {
          frozen.add(
              tf.constant(
                  Shape.of(toLongs(network.stateSpecs().get(s).shape())),
                  DataBuffers.of(network.state().get(s), true, false)));
        }
      }

      java.util.Optional<LinearFirstLayer> split = sharedFirstLayer(network, firstLayer);
      // P, Q, R: the first layer's products with the centre and the two directions.
      Operand<TFloat32> centreProduct = null;
      Operand<TFloat32> d1Product = null;
      Operand<TFloat32> d2Product = null;
      if (split.isPresent()) {
        int k = split.get().kernelIndex();
        centreProduct = split.get().product(tf, x, theta.get(k));
        d1Product = split.get().product(tf, x, d1.get(k));
        d2Product = split.get().product(tf, x, d2.get(k));
      }

      List<Operand<TFloat32>> losses = new ArrayList<>();
      List<Operand<TFloat32>> corrects = new ArrayList<>();
      for (int p = 0; p < points; p++) {
        Operand<TFloat32> ap = tf.gather(a, tf.constant(p), axis0);
        Operand<TFloat32> bp = tf.gather(b, tf.constant(p), axis0);
        List<Operand<TFloat32>> weights = pointWeights(tf, theta, d1, d2, ap, bp);
        List<Operand<TFloat32>> state = frozen;
        if (recompute) {
          state = new ArrayList<>();
          for (Placeholder<TFloat32> stacked : pointStatistics) {
            state.add(tf.gather(stacked, tf.constant(p), axis0));
          }
        }
        Operand<TFloat32> logits;
        if (split.isPresent()) {
          Operand<TFloat32> product =
              tf.math.add(
                  centreProduct,
                  tf.math.add(tf.math.mul(ap, d1Product), tf.math.mul(bp, d2Product)));
          logits = split.get().logitsFrom(tf, product, weights, state);
        } else if (recompute) {
          logits = network.logits(tf, x, weights, state);
        } else {
          logits = network.logits(tf, x, weights);
        }
        MlpGraph.PerExample perExample = MlpGraph.perExample(tf, logits, oneHot);
        losses.add(tf.reduceSum(perExample.loss(), axis0));
        corrects.add(tf.reduceSum(perExample.correct(), axis0));
      }
      return new Graph(
          theta,
          d1,
          d2,
          a,
          b,
          x,
          labels,
          tf.stack(losses),
          tf.stack(corrects),
          statisticsA,
          statisticsB,
          statistics,
          pointStatistics);
    }

    /** The weights {@code theta + a d1 + b d2} of every tensor. */
    private List<Operand<TFloat32>> pointWeights(
        Ops tf,
        List<Placeholder<TFloat32>> theta,
        List<Placeholder<TFloat32>> d1,
        List<Placeholder<TFloat32>> d2,
        Operand<TFloat32> a,
        Operand<TFloat32> b) {
      List<Operand<TFloat32>> weights = new ArrayList<>();
      for (int t = 0; t < theta.size(); t++) {
        weights.add(
            tf.math.add(
                theta.get(t), tf.math.add(tf.math.mul(a, d1.get(t)), tf.math.mul(b, d2.get(t)))));
      }
      return weights;
    }

    /** The centre and the directions, fed to every run. */
    private void feedOnce(Session.Runner runner) {
      Graph g = session.parts();
      int k = 0;
      for (List<Placeholder<TFloat32>> inputs : List.of(g.theta(), g.d1(), g.d2())) {
        for (Placeholder<TFloat32> in : inputs) {
          runner.feed(in, fedOnce.get(k++));
        }
      }
    }

    /**
     * The recomputed statistics of the points (a[i], b[i]), each tensor stacked over the points:
     * one run per point, on the calibration samples only.
     */
    private List<TFloat32> pointStatistics(double[] a, double[] b) {
      Graph g = session.parts();
      List<TensorSpec> specs = network.stateSpecs();
      List<float[]> stacked = new ArrayList<>();
      for (TensorSpec spec : specs) {
        stacked.add(new float[a.length * spec.size()]);
      }
      for (int p = 0; p < a.length; p++) {
        Session.Runner runner = session.session().runner();
        feedOnce(runner);
        try (TFloat32 ap = TFloat32.scalarOf((float) a[p]);
            TFloat32 bp = TFloat32.scalarOf((float) b[p])) {
          runner.feed(g.statisticsA(), ap).feed(g.statisticsB(), bp);
          g.statistics().forEach(runner::fetch);
          try (Result result = runner.run()) {
            for (int s = 0; s < specs.size(); s++) {
              float[] values = Tensors.toArray((TFloat32) result.get(s));
              System.arraycopy(
                  values, 0, stacked.get(s), p * specs.get(s).size(), specs.get(s).size());
            }
          }
        }
      }
      List<TFloat32> out = new ArrayList<>();
      try {
        for (int s = 0; s < specs.size(); s++) {
          long[] shape = new long[specs.get(s).shape().length + 1];
          shape[0] = a.length;
          System.arraycopy(toLongs(specs.get(s).shape()), 0, shape, 1, shape.length - 1);
          out.add(Tensors.floats(stacked.get(s), shape));
        }
      } catch (RuntimeException | Error e) {
        out.forEach(TFloat32::close);
        throw e;
      }
      return out;
    }

    /** Mean loss [0] and accuracy [1] at each point (a[i], b[i]), i < points. */
    double[][] evaluate(double[] a, double[] b) {
      Graph g = session.parts();
      double[] lossSum = new double[a.length];
      double[] correctSum = new double[a.length];
      int size = samples.featureSize();
      List<TFloat32> statistics = recompute ? pointStatistics(a, b) : List.of();
      try (TFloat32 as = Tensors.floats(toFloats(a), a.length);
          TFloat32 bs = Tensors.floats(toFloats(b), b.length)) {
        for (int from = 0; from < samples.count(); from += chunk) {
          int rows = Math.min(chunk, samples.count() - from);
          Session.Runner runner = session.session().runner();
          feedOnce(runner);
          for (int s = 0; s < statistics.size(); s++) {
            runner.feed(g.pointStatistics().get(s), statistics.get(s));
          }
          try (TFloat32 xs = Tensors.floatsFrom(samples.features(), from * size, rows, size);
              TInt32 ys = Tensors.intsFrom(samples.labels(), from, rows);
              Result result =
                  runner
                      .feed(g.a(), as)
                      .feed(g.b(), bs)
                      .feed(g.x(), xs)
                      .feed(g.labels(), ys)
                      .fetch(g.lossSums())
                      .fetch(g.correctSums())
                      .run()) {
            float[] l = Tensors.toArray((TFloat32) result.get(0));
            float[] c = Tensors.toArray((TFloat32) result.get(1));
            for (int p = 0; p < a.length; p++) {
              lossSum[p] += l[p];
              correctSum[p] += c[p];
            }
          }
        }
      } finally {
        statistics.forEach(TFloat32::close);
      }
      double[][] out = new double[2][a.length];
      for (int p = 0; p < a.length; p++) {
        out[0][p] = lossSum[p] / samples.count();
        out[1][p] = correctSum[p] / samples.count();
      }
      return out;
    }

    private float[] toFloats(double[] values) {
      float[] out = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = (float) values[i];
      }
      return out;
    }

    @Override
    public void close() {
      fedOnce.forEach(TFloat32::close);
      session.close();
    }
  }

  private static long[] toLongs(int[] shape) {
    long[] out = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = shape[i];
    }
    return out;
  }
}
