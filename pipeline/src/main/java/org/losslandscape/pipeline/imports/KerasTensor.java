package org.losslandscape.pipeline.imports;

import java.util.Arrays;

/**
 * One tensor the architecture needs from the weights: which Keras layer holds it, what it is, and
 * its shape as the architecture implies it.
 *
 * @param layer the Keras layer's name (also the tool's layer name)
 * @param role what the tensor is
 * @param shape the shape it must have
 */
record KerasTensor(String layer, TensorRole role, int[] shape) {

  KerasTensor {
    shape = shape.clone();
  }

  /** The tool's name of the tensor: {@code <layer>.<role>}. */
  String name() {
    return layer + "." + role.key();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KerasTensor t
        && layer.equals(t.layer)
        && role == t.role
        && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return (31 * layer.hashCode() + role.hashCode()) * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name() + Arrays.toString(shape);
  }
}
