package org.losslandscape.models.mlp;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.network.TensorKind;
import org.losslandscape.models.network.TensorSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The shape of a fully connected ReLU network: {@code inputSize -> hidden... -> classes}.
 *
 * <p>Parameters follow TensorFlow's layout: layer {@code i} has a kernel {@code dense<i>.kernel}
 * shaped {@code [in, out]} (one neuron is a <em>column</em>) and a bias {@code dense<i>.bias}
 * shaped {@code [out]}. Every hidden layer is followed by a ReLU; the last layer emits logits.
 *
 * <p>The built-in network {@code mlp} and the default. Its own fast paths (stacked training with
 * written-out backpropagation, the decomposed landscape kernel) need exactly this shape; any other
 * network is a {@link org.losslandscape.models.network.LayeredNetwork}.
 *
 * @param inputSize number of input features (784 for Fashion-MNIST)
 * @param hidden widths of the hidden layers, in order (may be empty: softmax regression)
 * @param classes number of output logits
 */
public record MlpArchitecture(int inputSize, List<Integer> hidden, int classes) implements Network {

  /**
   * {@code network} as an MLP, for the code that only MLPs reach so far (the model files, the
   * memory estimates, the benchmarks).
   *
   * @throws IllegalArgumentException naming the network when it is not an MLP
   */
  public static MlpArchitecture of(Network network) {
    if (network instanceof MlpArchitecture mlp) {
      return mlp;
    }
    throw new IllegalArgumentException(
        network.describe() + " is not an MLP; this step handles MLPs only for now");
  }

  /** The default network of the study: 784-128-64-10. */
  public static MlpArchitecture fashionMnistDefault() {
    return new MlpArchitecture(784, List.of(128, 64), 10);
  }

  public MlpArchitecture {
    hidden = List.copyOf(hidden);
    if (inputSize < 1 || classes < 2) {
      throw new IllegalArgumentException(
          "an MLP needs inputSize >= 1 and classes >= 2, got " + inputSize + " and " + classes);
    }
    for (int width : hidden) {
      if (width < 1) {
        throw new IllegalArgumentException("hidden layer widths must be >= 1, got " + hidden);
      }
    }
  }

  /** Number of dense layers (hidden layers plus the output layer). */
  public int layerCount() {
    return hidden.size() + 1;
  }

  /** Input width of dense layer {@code layer}. */
  public int layerInput(int layer) {
    return layer == 0 ? inputSize : hidden.get(layer - 1);
  }

  /** Output width of dense layer {@code layer}. */
  public int layerOutput(int layer) {
    return layer == hidden.size() ? classes : hidden.get(layer);
  }

  @Override
  public String describe() {
    return toString();
  }

  /** A flat vector: an MLP takes any image of {@code inputSize} values, flattened. */
  @Override
  public InputShape inputShape() {
    return InputShape.flat(inputSize);
  }

  @Override
  public boolean accepts(InputShape shape) {
    return shape.size() == inputSize;
  }

  @Override
  public List<TensorSpec> parameterSpecs() {
    List<TensorSpec> specs = new ArrayList<>();
    for (int layer = 0; layer < layerCount(); layer++) {
      specs.add(
          new TensorSpec(
              kernelName(layer),
              new int[] {layerInput(layer), layerOutput(layer)},
              TensorKind.KERNEL));
      specs.add(new TensorSpec(biasName(layer), new int[] {layerOutput(layer)}, TensorKind.BIAS));
    }
    return specs;
  }

  @Override
  public long multiplyAddsPerExample() {
    long sum = 0;
    for (int layer = 0; layer < layerCount(); layer++) {
      sum += (long) layerInput(layer) * layerOutput(layer);
    }
    return sum;
  }

  @Override
  public long activationsPerExample() {
    long sum = 0;
    for (int layer = 0; layer < layerCount(); layer++) {
      sum += layerOutput(layer);
    }
    return sum;
  }

  @Override
  public Operand<TFloat32> logits(
      Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> parameters) {
    return MlpGraph.logits(tf, x, parameters);
  }

  /** Parameter names in graph order: kernel then bias of each layer. */
  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (int layer = 0; layer < layerCount(); layer++) {
      names.add(kernelName(layer));
      names.add(biasName(layer));
    }
    return names;
  }

  /** Parameter shapes in the order of {@link #parameterNames()}. */
  @Override
  public List<int[]> parameterShapes() {
    List<int[]> shapes = new ArrayList<>();
    for (int layer = 0; layer < layerCount(); layer++) {
      shapes.add(new int[] {layerInput(layer), layerOutput(layer)});
      shapes.add(new int[] {layerOutput(layer)});
    }
    return shapes;
  }

  /** Total number of trainable scalars. */
  @Override
  public long parameterCount() {
    long count = 0;
    for (int layer = 0; layer < layerCount(); layer++) {
      count += (long) layerInput(layer) * layerOutput(layer) + layerOutput(layer);
    }
    return count;
  }

  public static String kernelName(int layer) {
    return "dense" + layer + ".kernel";
  }

  public static String biasName(int layer) {
    return "dense" + layer + ".bias";
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(inputSize);
    hidden.forEach(width -> text.append('-').append(width));
    return text.append('-').append(classes).toString();
  }
}
