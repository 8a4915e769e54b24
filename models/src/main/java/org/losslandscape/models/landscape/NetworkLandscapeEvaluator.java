package org.losslandscape.models.landscape;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The slice of any {@link Network}: each run evaluates a batch of grid points (a grid row) on one
 * chunk of samples, every point's weights {@code theta + a d1 + b d2} formed in the graph from the
 * centre and the two directions, which are fed once per slice. Works for every network; the MLP's
 * decomposed kernel is faster because it shares the first layer's product between points.
 *
 * <p>Memory: one run holds the activations of {@code points x chunk} samples; the chunk is chosen
 * so that stays within {@link #ACTIVATION_BUDGET_BYTES} (estimated from the inputs' size times a
 * factor for the layers' outputs, see {@link #chunkFor}).
 */
public final class NetworkLandscapeEvaluator implements LandscapeEvaluator {

  /** Activations one run may hold. */
  static final long ACTIVATION_BUDGET_BYTES = 256L << 20;

  private final ExecutionSettings settings;

  public NetworkLandscapeEvaluator(ExecutionSettings settings) {
    this.settings = settings;
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
    try (Slice slice = new Slice(theta, directions, samples, n)) {
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
  public PlaneSlice function(Parameters theta, DirectionPair directions, LabeledData samples) {
    Slice slice = new Slice(theta, directions, samples, 1);
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
    private final LabeledData samples;
    private final int points;
    private final int chunk;
    private final List<TFloat32> fedOnce = new ArrayList<>();

    private record Graph(
        List<Placeholder<TFloat32>> theta,
        List<Placeholder<TFloat32>> d1,
        List<Placeholder<TFloat32>> d2,
        Placeholder<TFloat32> a,
        Placeholder<TFloat32> b,
        Placeholder<TFloat32> x,
        Placeholder<TInt32> labels,
        Operand<TFloat32> lossSums,
        Operand<TFloat32> correctSums) {}

    Slice(Parameters theta, DirectionPair directions, LabeledData samples, int points) {
      this.samples = samples;
      this.points = points;
      Network network = theta.architecture();
      this.chunk = chunkFor(network, points, samples.count());
      this.session = GraphSession.open(settings, tf -> build(tf, network, points));
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

    private Graph build(Ops tf, Network network, int points) {
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
      List<Operand<TFloat32>> losses = new ArrayList<>();
      List<Operand<TFloat32>> corrects = new ArrayList<>();
      Operand<TInt32> axis0 = tf.constant(0);
      for (int p = 0; p < points; p++) {
        Operand<TFloat32> ap = tf.gather(a, tf.constant(p), axis0);
        Operand<TFloat32> bp = tf.gather(b, tf.constant(p), axis0);
        List<Operand<TFloat32>> weights = new ArrayList<>();
        for (int t = 0; t < theta.size(); t++) {
          weights.add(
              tf.math.add(
                  theta.get(t),
                  tf.math.add(tf.math.mul(ap, d1.get(t)), tf.math.mul(bp, d2.get(t)))));
        }
        MlpGraph.PerExample perExample =
            MlpGraph.perExample(tf, network.logits(tf, x, weights), oneHot);
        losses.add(tf.reduceSum(perExample.loss(), axis0));
        corrects.add(tf.reduceSum(perExample.correct(), axis0));
      }
      return new Graph(theta, d1, d2, a, b, x, labels, tf.stack(losses), tf.stack(corrects));
    }

    /** Mean loss [0] and accuracy [1] at each point (a[i], b[i]), i < points. */
    double[][] evaluate(double[] a, double[] b) {
      Graph g = session.parts();
      double[] lossSum = new double[a.length];
      double[] correctSum = new double[a.length];
      int size = samples.featureSize();
      try (TFloat32 as = Tensors.floats(toFloats(a), a.length);
          TFloat32 bs = Tensors.floats(toFloats(b), b.length)) {
        for (int from = 0; from < samples.count(); from += chunk) {
          int rows = Math.min(chunk, samples.count() - from);
          Session.Runner runner = session.session().runner();
          int k = 0;
          for (List<Placeholder<TFloat32>> inputs : List.of(g.theta(), g.d1(), g.d2())) {
            for (Placeholder<TFloat32> in : inputs) {
              runner.feed(in, fedOnce.get(k++));
            }
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
}
