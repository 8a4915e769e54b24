package org.losslandscape.pipeline.io;

import java.util.Arrays;

/** Shape arithmetic shared by the {@code .npy} writer, reader and array records. */
final class Shapes {

  private Shapes() {}

  /**
   * The number of elements of {@code shape}, or -1 if it does not fit in a Java array.
   *
   * @throws IllegalArgumentException if a dimension is negative
   */
  static long elementCount(int[] shape) {
    long count = 1;
    for (int dimension : shape) {
      if (dimension < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      count *= dimension;
      if (count > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return count;
  }

  /**
   * A copy of {@code shape} after checking that it holds exactly {@code dataLength} elements.
   *
   * @throws IllegalArgumentException if it does not
   */
  static int[] checkedCopy(int[] shape, int dataLength) {
    long expected = elementCount(shape);
    if (expected < 0) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " has more elements than a Java array can hold");
    }
    if (expected != dataLength) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " needs "
              + expected
              + " elements but data has "
              + dataLength);
    }
    return shape.clone();
  }
}
