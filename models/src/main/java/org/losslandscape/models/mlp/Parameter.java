package org.losslandscape.models.mlp;

import java.util.Arrays;

/**
 * One named parameter tensor held in Java memory, row-major (C order).
 *
 * <p>The array is owned by this record: callers must not mutate it after construction (the
 * constructor does not copy, because landscapes hold several copies of a 100k-parameter net).
 *
 * @param name parameter name, e.g. {@code dense0.kernel}
 * @param shape tensor shape; a kernel is {@code [in, out]}, a bias {@code [out]}
 * @param values the entries, {@code product(shape)} of them
 */
public record Parameter(String name, int[] shape, float[] values) {

  public Parameter {
    shape = shape.clone();
    long size = 1;
    for (int dim : shape) {
      if (dim < 1) {
        throw new IllegalArgumentException(
            name + ": dimensions must be >= 1, got " + Arrays.toString(shape));
      }
      size *= dim;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " needs "
              + size
              + " values, got "
              + values.length);
    }
  }

  /**
   * True for kernels (a dense {@code [in, out]} or a convolution's {@code [kh, kw, in, out]}: rank
   * 2 or more, one filter per index of the last axis), false for biases, batch-norm scales and
   * other vectors.
   */
  public boolean isKernel() {
    return shape.length >= 2;
  }

  /** Filters of a kernel: the size of its last axis. */
  public int filters() {
    return shape[shape.length - 1];
  }

  public int size() {
    return values.length;
  }

  /** Euclidean norm of all entries (accumulated in double). */
  public double norm() {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum);
  }

  /** A parameter with the same name and shape and the given values. */
  public Parameter withValues(float[] newValues) {
    return new Parameter(name, shape, newValues);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Parameter p
        && name.equals(p.name)
        && Arrays.equals(shape, p.shape)
        && Arrays.equals(values, p.values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
