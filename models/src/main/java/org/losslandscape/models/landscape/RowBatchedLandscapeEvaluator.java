package org.losslandscape.models.landscape;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Evaluates a whole grid row in one forward pass: the row's {@code n} perturbed weight sets {@code
 * theta + alpha_i d1 + beta_j d2} are built inside the graph from the weights, the directions and
 * the row's coordinates, stacked into {@code [n, in, out]} tensors and applied to the samples with
 * {@code BatchMatMulV2}. No per-point weight copy ever crosses from Java.
 *
 * <p>Samples are processed in chunks sized so that the largest activation tensor of a run stays
 * under {@link #ACTIVATION_BUDGET_BYTES}, which bounds memory for any grid size and sample count.
 */
public final class RowBatchedLandscapeEvaluator implements LandscapeEvaluator {

  /** Upper bound on the bytes of one [n, samples, width] activation tensor. */
  static final long ACTIVATION_BUDGET_BYTES = 256L << 20;

  private final ExecutionSettings settings;
  private final long activationBudgetBytes;

  public RowBatchedLandscapeEvaluator(ExecutionSettings settings) {
    this(settings, ACTIVATION_BUDGET_BYTES);
  }

  /** With an explicit activation budget; tests use a tiny one to force many sample chunks. */
  RowBatchedLandscapeEvaluator(ExecutionSettings settings, long activationBudgetBytes) {
    this.settings = settings;
    this.activationBudgetBytes = activationBudgetBytes;
  }

  @Override
  public LandscapeGrid evaluate(
      Parameters theta,
      DirectionPair directions,
      GridSpec grid,
      LabeledData samples,
      RowProgress progress) {
    MlpArchitecture architecture = (MlpArchitecture) theta.architecture();
    int n = grid.size();
    int chunk = chunkSize(architecture, n, samples.count(), activationBudgetBytes);
    double[] coords = grid.coordinates();
    float[] betaValues = new float[n];
    for (int j = 0; j < n; j++) {
      betaValues[j] = (float) coords[j];
    }
    double[][] loss = new double[n][n];
    double[][] accuracy = new double[n][n];

    try (Graph graph = new Graph()) {
      Ops tf = settings.ops(graph);
      Placeholder<TFloat32> alpha = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> betas = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class);

      List<Operand<TFloat32>> stacked = new ArrayList<>();
      for (int t = 0; t < theta.tensors().size(); t++) {
        stacked.add(
            perturbedStack(
                tf,
                theta.tensors().get(t),
                directions.d1().tensors().get(t),
                directions.d2().tensors().get(t),
                alpha,
                betas,
                n));
      }
      Operand<TFloat32> h = x;
      for (int layer = 0; layer < architecture.layerCount(); layer++) {
        h = tf.math.add(batchMatMul(tf, h, stacked.get(2 * layer)), stacked.get(2 * layer + 1));
        if (layer < architecture.layerCount() - 1) {
          h = tf.nn.relu(h);
        }
      }
      Operand<TFloat32> oneHot =
          tf.oneHot(labels, tf.constant(architecture.classes()), tf.constant(1f), tf.constant(0f));
      MlpGraph.PerExample perExample = MlpGraph.perExample(tf, h, oneHot); // [n, samples]
      Operand<TFloat32> lossSums = tf.reduceSum(perExample.loss(), tf.constant(1));
      Operand<TFloat32> correctSums = tf.reduceSum(perExample.correct(), tf.constant(1));

      List<Tensor> chunks = new ArrayList<>();
      try (Session session = settings.openSession(graph);
          TFloat32 betaTensor = Tensors.floats(betaValues, n)) {
        for (int from = 0; from < samples.count(); from += chunk) {
          LabeledData part = samples.range(from, Math.min(samples.count(), from + chunk));
          chunks.add(Tensors.floats(part.features(), part.count(), part.featureSize()));
          chunks.add(Tensors.ints(part.labels(), part.count()));
        }
        for (int i = 0; i < n; i++) {
          double[] lossRow = new double[n];
          double[] correctRow = new double[n];
          try (TFloat32 alphaTensor = TFloat32.scalarOf((float) coords[i])) {
            for (int c = 0; c < chunks.size(); c += 2) {
              try (Result r =
                  session
                      .runner()
                      .feed(alpha, alphaTensor)
                      .feed(betas, betaTensor)
                      .feed(x, chunks.get(c))
                      .feed(labels, chunks.get(c + 1))
                      .fetch(lossSums)
                      .fetch(correctSums)
                      .run()) {
                float[] l = Tensors.toArray((TFloat32) r.get(0));
                float[] a = Tensors.toArray((TFloat32) r.get(1));
                for (int j = 0; j < n; j++) {
                  lossRow[j] += l[j];
                  correctRow[j] += a[j];
                }
              }
            }
          }
          for (int j = 0; j < n; j++) {
            loss[i][j] = lossRow[j] / samples.count();
            accuracy[i][j] = correctRow[j] / samples.count();
          }
          progress.rowDone(i + 1, n);
        }
      } finally {
        chunks.forEach(Tensor::close);
      }
    }
    return new LandscapeGrid(grid, loss, accuracy, samples.count());
  }

  /**
   * {@code (w + alpha d1) + beta_j d2} for all j at once: {@code [n, in, out]} for a kernel and
   * {@code [n, 1, out]} for a bias, so that it broadcasts over the samples axis.
   */
  private static Operand<TFloat32> perturbedStack(
      Ops tf,
      Parameter w,
      Parameter d1,
      Parameter d2,
      Operand<TFloat32> alpha,
      Operand<TFloat32> betas,
      int n) {
    long[] shape = Tensors.shape(w.shape());
    Operand<TFloat32> row =
        tf.math.add(constant(tf, w, shape), tf.math.mul(alpha, constant(tf, d1, shape)));
    Operand<org.tensorflow.types.TInt64> stepShape =
        w.isKernel() ? tf.constant(new long[] {n, 1, 1}) : tf.constant(new long[] {n, 1});
    Operand<TFloat32> stack =
        tf.math.add(row, tf.math.mul(tf.reshape(betas, stepShape), constant(tf, d2, shape)));
    return w.isKernel() ? stack : tf.reshape(stack, tf.constant(new long[] {n, 1, shape[0]}));
  }

  private static Operand<TFloat32> constant(Ops tf, Parameter p, long[] shape) {
    return tf.constant(
        org.tensorflow.ndarray.Shape.of(shape),
        org.tensorflow.ndarray.buffer.DataBuffers.of(p.values(), true, false));
  }

  /**
   * {@code BatchMatMulV2(a, b)}: it has no typed wrapper in TF Java 1.1.0, and the typed {@code
   * batchMatMul} emits the slower V3. A rank-2 {@code a} broadcasts against a rank-3 {@code b}.
   */
  @SuppressWarnings("unchecked")
  static Operand<TFloat32> batchMatMul(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    Output<?> out =
        tf.scope()
            .opBuilder("BatchMatMulV2", "BatchMatMulV2")
            .addInput(a.asOutput())
            .addInput(b.asOutput())
            .build()
            .output(0);
    return (Operand<TFloat32>) out;
  }

  /**
   * Samples per run so that n x samples x widest layer floats stay within the activation budget.
   */
  static int chunkSize(MlpArchitecture architecture, int n, int samples, long budgetBytes) {
    int widest = architecture.classes();
    for (int width : architecture.hidden()) {
      widest = Math.max(widest, width);
    }
    long perSample = (long) n * widest * Float.BYTES;
    return (int) Math.max(1, Math.min(samples, budgetBytes / perSample));
  }
}
