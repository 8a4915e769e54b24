package org.losslandscape.models.tf;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies between Java arrays and TensorFlow tensors. The caller closes every tensor returned. */
public final class Tensors {

  private Tensors() {}

  /** A float32 tensor of {@code shape} holding a copy of {@code values}. */
  public static TFloat32 floats(float[] values, long... shape) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  /** An int32 tensor of {@code shape} holding a copy of {@code values}. */
  public static TInt32 ints(int[] values, long... shape) {
    return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  /**
   * A float32 tensor of {@code shape} holding a copy of {@code values[offset, offset + size)}: a
   * chunk of a large array without a Java-side copy (the full training set is 188 MB).
   */
  public static TFloat32 floatsFrom(float[] values, int offset, long... shape) {
    long size = Shape.of(shape).size();
    return TFloat32.tensorOf(
        Shape.of(shape), DataBuffers.of(values, true, false).slice(offset, size));
  }

  /** An int32 tensor of {@code shape} holding a copy of {@code values[offset, offset + size)}. */
  public static TInt32 intsFrom(int[] values, int offset, long... shape) {
    long size = Shape.of(shape).size();
    return TInt32.tensorOf(
        Shape.of(shape), DataBuffers.of(values, true, false).slice(offset, size));
  }

  /** A Java int shape as TensorFlow's long dimensions. */
  public static long[] shape(int[] dims) {
    long[] out = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = dims[i];
    }
    return out;
  }

  /** All entries of {@code tensor}, row-major. */
  public static float[] toArray(TFloat32 tensor) {
    float[] out = new float[Math.toIntExact(tensor.shape().size())];
    tensor.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
