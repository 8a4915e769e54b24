package org.losslandscape.models.network;

import java.util.List;

/**
 * A network as data: its layers in order. The last layer's output is the logits; the input shape
 * and the number of classes come from the data, not from the spec (the last dense layer's units
 * must equal the classes).
 *
 * @param layers the layers, first applied first
 */
public record NetworkSpec(List<LayerSpec> layers) {

  public NetworkSpec {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
  }
}
