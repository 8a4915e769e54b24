package org.losslandscape.pipeline.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.models.network.TensorSpec;

/**
 * A network read from a model file: its layers, the input it expects, the classes its last layer
 * scores, and its trained tensors.
 *
 * @param spec the layers; every layer with tensors carries the name it had in the file, so its
 *     tensors are {@code <that name>.kernel}, {@code .bias}, ... (LayerSpec's convention)
 * @param inputShape one example as the network expects it (channels last)
 * @param classes the number of logits the network outputs
 * @param tensors every parameter and batch-norm statistic, in the order the layers are walked
 *     (depth first, residual body before shortcut), each layer's in the order kernel, bias, gamma,
 *     beta, moving_mean, moving_variance
 */
public record ImportedNetwork(
    NetworkSpec spec, InputShape inputShape, int classes, List<Parameter> tensors) {

  public ImportedNetwork {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(inputShape, "inputShape");
    tensors = List.copyOf(tensors);
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be >= 1, got " + classes);
    }
  }

  /**
   * The imported model as this tool's network and trained parameters: a {@link LayeredNetwork}
   * named {@code name} carrying the file's batch-norm statistics, and its trained tensors in the
   * network's order.
   */
  public Parameters toParameters(String name) {
    LayeredNetwork network = new LayeredNetwork(name, spec, inputShape, classes);
    List<float[]> state = new ArrayList<>();
    for (TensorSpec t : network.stateSpecs()) {
      state.add(tensor(t.name()).values());
    }
    List<Parameter> trained = new ArrayList<>();
    for (TensorSpec t : network.parameterSpecs()) {
      trained.add(tensor(t.name()));
    }
    return new Parameters(network.withState(state), trained);
  }

  /** The tensor named {@code name}; throws if the network has none of that name. */
  public Parameter tensor(String name) {
    for (Parameter p : tensors) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no tensor named " + name);
  }
}
