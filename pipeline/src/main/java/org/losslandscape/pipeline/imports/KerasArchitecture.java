package org.losslandscape.pipeline.imports;

import java.util.List;
import java.util.Map;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.NetworkSpec;

/**
 * What a Keras model config says, before any weight is read.
 *
 * @param spec the layers, those with tensors named as in the file
 * @param inputShape one example's shape
 * @param classes the number of logits
 * @param tensors the tensors the layers need, in the order of {@link ImportedNetwork#tensors()}
 * @param archivePaths for each Keras layer, the group Keras 3 would store its variables under when
 *     the archive does not name its groups ({@code layers/conv2d_1}: the class in snake case and a
 *     counter per class, in the order of the config)
 */
record KerasArchitecture(
    NetworkSpec spec,
    InputShape inputShape,
    int classes,
    List<KerasTensor> tensors,
    Map<String, String> archivePaths) {

  KerasArchitecture {
    tensors = List.copyOf(tensors);
    archivePaths = Map.copyOf(archivePaths);
  }
}
