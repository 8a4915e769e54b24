package org.losslandscape.models.network;

import java.util.Arrays;

/**
 * The name, shape and kind of one parameter tensor of a network.
 *
 * @param name e.g. {@code conv0.kernel}
 * @param shape row-major shape, e.g. {@code [3, 3, 1, 16]}
 * @param kind how directions and measures treat it
 */
public record TensorSpec(String name, int[] shape, TensorKind kind) {

  public TensorSpec {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of entries. */
  public int size() {
    int size = 1;
    for (int dim : shape) {
      size = Math.multiplyExact(size, dim);
    }
    return size;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorSpec t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && kind == t.kind;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
