package org.losslandscape.pipeline.io;

/**
 * Walks the elements of a Fortran-ordered array (first axis fastest, as {@code np.save} stores a
 * transposed array) in C order (last axis fastest, as this project stores every tensor): successive
 * calls of {@link #next()} give the file position of C element 0, 1, 2, ...
 *
 * <p>An odometer over the C multi-index keeps the Fortran offset up to date by adding one stride
 * per step and subtracting a whole axis on every carry, so no index array the size of the data is
 * needed.
 */
final class FortranOrder {

  private final int[] shape;
  private final long[] strides;
  private final int[] counter;
  private long offset;

  /** Starts a walk over {@code shape}, whose element count must be positive and fit in an int. */
  FortranOrder(int[] shape) {
    this.shape = shape.clone();
    this.strides = new long[shape.length];
    this.counter = new int[shape.length];
    long stride = 1;
    for (int axis = 0; axis < shape.length; axis++) {
      strides[axis] = stride;
      stride *= shape[axis];
    }
  }

  /** The Fortran-order (file) position of the next element in C order. */
  int next() {
    int current = (int) offset;
    for (int axis = shape.length - 1; axis >= 0; axis--) {
      counter[axis]++;
      offset += strides[axis];
      if (counter[axis] < shape[axis]) {
        return current;
      }
      // This axis wrapped around: undo its whole range and carry into the next slower axis.
      counter[axis] = 0;
      offset -= strides[axis] * shape[axis];
    }
    return current;
  }
}
