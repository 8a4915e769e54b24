package org.losslandscape.models.curvature;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The mean cross-entropy of an MLP over a fixed data set as a function of its flat parameter
 * vector, with its gradient and Hessian-vector products, computed in TensorFlow.
 *
 * <p>The Hessian-vector product is double backpropagation: the gradient {@code g(theta)} is built
 * in the graph, and {@code H v} is the gradient of {@code <g(theta), v>} with respect to theta. Two
 * TensorFlow Java gaps are closed for that: the gradients of ReLU's and BiasAdd's backward ops are
 * registered ({@link SecondOrderGradients}), and the first gradient is seeded with a constant 1
 * instead of TensorFlow's default {@code OnesLike(loss)}, which has no gradient and would otherwise
 * sit on the path of the second one. At a ReLU kink the product is that of the network with the
 * masks of the current point frozen (ReLU's second derivative is taken as zero).
 *
 * <p>The samples are fed in chunks whose per-chunk sums are added in double precision, so memory is
 * bounded by the chunk size and results do not depend on it beyond float rounding. The chunks are
 * copied into tensors once, at construction; parameters and vectors are fed per call, since every
 * call may be at a new point. Ops are built through {@link ExecutionSettings#ops}; the gradient ops
 * that TensorFlow's gradient builder adds carry no device of their own and are placed by
 * TensorFlow's placer under the same session settings.
 *
 * <p>Not thread-safe. Close it to free the graph, session and data tensors.
 */
public final class DifferentiableLoss implements Objective, AutoCloseable {

  /**
   * Default samples per run. A chunk of 10,000 samples of the 784-128-64-10 net holds 31 MB of
   * inputs and a few MB of activations per layer; 2,500, 5,000 and 10,000 ran at the same speed.
   */
  public static final int DEFAULT_CHUNK = 10_000;

  private final ParameterLayout layout;
  private final int sampleCount;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> features;
  private final Placeholder<TInt32> labels;
  private final List<Placeholder<TFloat32>> thetaInputs = new ArrayList<>();
  private final List<Placeholder<TFloat32>> vectorInputs = new ArrayList<>();
  private final Operand<TFloat32> lossSum;
  private final List<Operand<TFloat32>> gradientOfSum = new ArrayList<>();
  private final List<Operand<TFloat32>> hessianOfSumTimesVector = new ArrayList<>();
  private final List<Tensor> chunkTensors = new ArrayList<>();
  private final List<Integer> chunkRows = new ArrayList<>();

  /** The loss over {@code data} in chunks of {@link #DEFAULT_CHUNK} samples. */
  public DifferentiableLoss(Network architecture, LabeledData data, ExecutionSettings settings) {
    this(architecture, data, settings, DEFAULT_CHUNK);
  }

  /**
   * The loss over {@code data}, run {@code chunkSize} samples at a time.
   *
   * @throws IllegalArgumentException if the data do not fit the architecture or are empty
   */
  public DifferentiableLoss(
      Network architecture, LabeledData data, ExecutionSettings settings, int chunkSize) {
    if (data.featureSize() != architecture.inputShape().size()) {
      throw new IllegalArgumentException(
          "samples have "
              + data.featureSize()
              + " features, the network "
              + architecture
              + " expects "
              + architecture.inputShape().size());
    }
    if (data.count() < 1 || chunkSize < 1) {
      throw new IllegalArgumentException(
          "need at least one sample and a chunk size >= 1, got "
              + data.count()
              + " samples and chunk size "
              + chunkSize);
    }
    SecondOrderGradients.ensureRegistered();
    this.layout = new ParameterLayout(architecture);
    this.sampleCount = data.count();
    this.graph = new Graph();
    Session opened = null;
    try {
      Ops tf = settings.ops(graph);
      features = tf.placeholder(TFloat32.class);
      labels = tf.placeholder(TInt32.class);
      List<int[]> shapes = architecture.parameterShapes();
      for (int[] shape : shapes) {
        Shape tensorShape = Shape.of(Tensors.shape(shape));
        thetaInputs.add(tf.placeholder(TFloat32.class, Placeholder.shape(tensorShape)));
        vectorInputs.add(tf.placeholder(TFloat32.class, Placeholder.shape(tensorShape)));
      }
      Operand<TFloat32> logits = architecture.logits(tf, features, thetaInputs);
      Operand<TFloat32> oneHot =
          tf.oneHot(labels, tf.constant(architecture.classes()), tf.constant(1f), tf.constant(0f));
      lossSum = tf.reduceSum(MlpGraph.perExample(tf, logits, oneHot).loss(), tf.constant(0));

      // Seeding with a constant keeps OnesLike(lossSum), which has no gradient, off the path of
      // the second differentiation.
      Gradients gradient =
          tf.gradients(lossSum, thetaInputs, Gradients.dx(List.of(tf.constant(1f))));
      Operand<TFloat32> gradientDotVector = null;
      for (int t = 0; t < shapes.size(); t++) {
        Operand<TFloat32> g = gradient.dy(t);
        gradientOfSum.add(g);
        Operand<TFloat32> product =
            tf.reduceSum(
                tf.math.mul(g, vectorInputs.get(t)), tf.constant(allAxes(shapes.get(t).length)));
        gradientDotVector =
            gradientDotVector == null ? product : tf.math.add(gradientDotVector, product);
      }
      Gradients hvp =
          tf.gradients(gradientDotVector, thetaInputs, Gradients.dx(List.of(tf.constant(1f))));
      for (int t = 0; t < shapes.size(); t++) {
        hessianOfSumTimesVector.add(hvp.dy(t));
      }

      for (int from = 0; from < data.count(); from += chunkSize) {
        int rows = Math.min(chunkSize, data.count() - from);
        chunkTensors.add(
            Tensors.floatsFrom(
                data.features(), from * data.featureSize(), rows, data.featureSize()));
        chunkTensors.add(Tensors.intsFrom(data.labels(), from, rows));
        chunkRows.add(rows);
      }
      opened = settings.openSession(graph);
    } catch (RuntimeException | Error e) {
      chunkTensors.forEach(Tensor::close);
      graph.close();
      throw e;
    }
    this.session = opened;
  }

  /** How the flat parameter vectors of this loss are laid out. */
  public ParameterLayout layout() {
    return layout;
  }

  /** Number of samples the loss is the mean over. */
  public int sampleCount() {
    return sampleCount;
  }

  @Override
  public int dimension() {
    return layout.dimension();
  }

  /** The mean cross-entropy at {@code theta}. */
  @Override
  public double value(double[] theta) {
    return valueOver(0, chunkCount(), theta);
  }

  /** The mean cross-entropy at {@code theta} and its gradient. */
  @Override
  public ValueAndGradient valueAndGradient(double[] theta) {
    return valueAndGradientOver(0, chunkCount(), theta);
  }

  /** How many chunks the samples are run in. */
  public int chunkCount() {
    return chunkRows.size();
  }

  /** Samples in chunk {@code index}. */
  public int chunkSize(int index) {
    return chunkRows.get(index);
  }

  /**
   * The mean cross-entropy over chunk {@code index} alone, as an objective of the same parameters:
   * m-sharpness takes the worst case per batch of m samples, and a loss built with chunks of m
   * samples hands out its batches this way without a graph per batch. Valid while this loss is
   * open.
   */
  public Objective chunk(int index) {
    if (index < 0 || index >= chunkCount()) {
      throw new IllegalArgumentException(
          "chunk " + index + " of a loss with " + chunkCount() + " chunks");
    }
    return new Objective() {
      @Override
      public int dimension() {
        return layout.dimension();
      }

      @Override
      public double value(double[] point) {
        return valueOver(index, index + 1, point);
      }

      @Override
      public ValueAndGradient valueAndGradient(double[] point) {
        return valueAndGradientOver(index, index + 1, point);
      }
    };
  }

  /** The mean cross-entropy over chunks {@code [first, end)}. */
  private double valueOver(int first, int end, double[] theta) {
    layout.requireDimension(theta);
    List<TFloat32> fedTheta = toTensors(theta);
    try {
      double sum = 0;
      for (int c = first; c < end; c++) {
        Session.Runner runner = chunkRunner(2 * c, fedTheta).fetch(lossSum);
        try (Result result = runner.run()) {
          sum += ((TFloat32) result.get(0)).getFloat();
        }
      }
      return sum / rowsOver(first, end);
    } finally {
      fedTheta.forEach(Tensor::close);
    }
  }

  /** The mean cross-entropy over chunks {@code [first, end)} and its gradient. */
  private ValueAndGradient valueAndGradientOver(int first, int end, double[] theta) {
    layout.requireDimension(theta);
    List<TFloat32> fedTheta = toTensors(theta);
    try {
      double sum = 0;
      double[] gradient = new double[dimension()];
      for (int c = first; c < end; c++) {
        Session.Runner runner = chunkRunner(2 * c, fedTheta).fetch(lossSum);
        gradientOfSum.forEach(runner::fetch);
        try (Result result = runner.run()) {
          sum += ((TFloat32) result.get(0)).getFloat();
          accumulate(result, 1, gradient);
        }
      }
      int rows = rowsOver(first, end);
      scale(gradient, 1.0 / rows);
      return new ValueAndGradient(sum / rows, gradient);
    } finally {
      fedTheta.forEach(Tensor::close);
    }
  }

  private int rowsOver(int first, int end) {
    int rows = 0;
    for (int c = first; c < end; c++) {
      rows += chunkRows.get(c);
    }
    return rows;
  }

  /** The Hessian of the mean cross-entropy at {@code theta} times {@code vector}. */
  public double[] hessianVectorProduct(double[] theta, double[] vector) {
    layout.requireDimension(theta);
    layout.requireDimension(vector);
    List<TFloat32> fedTheta = toTensors(theta);
    List<TFloat32> fedVector = new ArrayList<>();
    try {
      fedVector.addAll(toTensors(vector));
      double[] product = new double[dimension()];
      for (int c = 0; c < chunkTensors.size(); c += 2) {
        Session.Runner runner = chunkRunner(c, fedTheta);
        for (int t = 0; t < vectorInputs.size(); t++) {
          runner.feed(vectorInputs.get(t), fedVector.get(t));
        }
        hessianOfSumTimesVector.forEach(runner::fetch);
        try (Result result = runner.run()) {
          accumulate(result, 0, product);
        }
      }
      scale(product, 1.0 / sampleCount);
      return product;
    } finally {
      fedTheta.forEach(Tensor::close);
      fedVector.forEach(Tensor::close);
    }
  }

  /**
   * The Hessian at {@code theta} as an operator; every application is one Hessian-vector product (a
   * pass over all samples). Valid while this loss is open.
   */
  public SymmetricOperator hessianAt(double[] theta) {
    layout.requireDimension(theta);
    double[] point = theta.clone();
    return new SymmetricOperator() {
      @Override
      public int dimension() {
        return layout.dimension();
      }

      @Override
      public double[] apply(double[] vector) {
        return hessianVectorProduct(point, vector);
      }
    };
  }

  private Session.Runner chunkRunner(int chunk, List<TFloat32> fedTheta) {
    Session.Runner runner =
        session
            .runner()
            .feed(features, chunkTensors.get(chunk))
            .feed(labels, chunkTensors.get(chunk + 1));
    for (int t = 0; t < thetaInputs.size(); t++) {
      runner.feed(thetaInputs.get(t), fedTheta.get(t));
    }
    return runner;
  }

  /** Adds the fetched tensors {@code first, first + 1, ...} into the flat {@code sum}. */
  private static void accumulate(Result result, int first, double[] sum) {
    int offset = 0;
    for (int i = first; i < result.size(); i++) {
      float[] values = Tensors.toArray((TFloat32) result.get(i));
      for (int k = 0; k < values.length; k++) {
        sum[offset + k] += values[k];
      }
      offset += values.length;
    }
  }

  private static void scale(double[] vector, double factor) {
    for (int k = 0; k < vector.length; k++) {
      vector[k] *= factor;
    }
  }

  private List<TFloat32> toTensors(double[] flat) {
    List<TFloat32> tensors = new ArrayList<>();
    try {
      List<int[]> shapes = layout.architecture().parameterShapes();
      int offset = 0;
      for (int[] shape : shapes) {
        int size = 1;
        for (int dim : shape) {
          size *= dim;
        }
        float[] values = new float[size];
        for (int k = 0; k < size; k++) {
          values[k] = (float) flat[offset + k];
        }
        tensors.add(Tensors.floats(values, Tensors.shape(shape)));
        offset += size;
      }
      return tensors;
    } catch (RuntimeException | Error e) {
      tensors.forEach(Tensor::close);
      throw e;
    }
  }

  private static int[] allAxes(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return axes;
  }

  @Override
  public void close() {
    session.close();
    chunkTensors.forEach(Tensor::close);
    graph.close();
  }
}
