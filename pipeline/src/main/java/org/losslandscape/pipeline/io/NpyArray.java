package org.losslandscape.pipeline.io;

import java.util.Arrays;

/**
 * An n-dimensional array as stored in a numpy {@code .npy} file: a shape (C order, last axis
 * fastest) and flat data of one of the two element types this project writes.
 *
 * <p>The shape is copied defensively because it is small. The data array is <em>not</em> copied:
 * result arrays can hold millions of elements, so the record takes ownership of the array it is
 * given and callers must not modify it afterwards.
 */
public sealed interface NpyArray permits NpyArray.Float32, NpyArray.Int32 {

  /** The numpy dtype string, {@code "<f4"} or {@code "<i4"}. */
  String dtype();

  /** The shape; empty for a 0-d (scalar) array. A fresh copy on every call. */
  int[] shape();

  /** The number of elements, the product of the shape. */
  int size();

  /**
   * This array as float32.
   *
   * @throws ResultsException if it holds another dtype
   */
  default Float32 asFloat32() {
    if (this instanceof Float32 floats) {
      return floats;
    }
    throw new ResultsException("Expected a float32 (<f4) array but found dtype " + dtype() + ".");
  }

  /**
   * This array as int32.
   *
   * @throws ResultsException if it holds another dtype
   */
  default Int32 asInt32() {
    if (this instanceof Int32 ints) {
      return ints;
    }
    throw new ResultsException("Expected an int32 (<i4) array but found dtype " + dtype() + ".");
  }

  /**
   * A float32 ({@code "<f4"}) array. Equality compares shape and data element-wise, with NaN equal
   * to NaN (as {@link Arrays#equals(float[], float[])} does).
   *
   * @param shape the dimensions, each non-negative
   * @param data the elements in C order; its length must equal the product of {@code shape}
   */
  record Float32(int[] shape, float[] data) implements NpyArray {

    /** Validates that {@code data} fills {@code shape} exactly. */
    public Float32 {
      shape = Shapes.checkedCopy(shape, data.length);
    }

    @Override
    public String dtype() {
      return "<f4";
    }

    @Override
    public int[] shape() {
      return shape.clone();
    }

    @Override
    public int size() {
      return data.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Float32 that
          && Arrays.equals(shape, that.shape)
          && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Float32" + Arrays.toString(shape);
    }
  }

  /**
   * An int32 ({@code "<i4"}) array. Equality compares shape and data element-wise.
   *
   * @param shape the dimensions, each non-negative
   * @param data the elements in C order; its length must equal the product of {@code shape}
   */
  record Int32(int[] shape, int[] data) implements NpyArray {

    /** Validates that {@code data} fills {@code shape} exactly. */
    public Int32 {
      shape = Shapes.checkedCopy(shape, data.length);
    }

    @Override
    public String dtype() {
      return "<i4";
    }

    @Override
    public int[] shape() {
      return shape.clone();
    }

    @Override
    public int size() {
      return data.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Int32 that
          && Arrays.equals(shape, that.shape)
          && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Int32" + Arrays.toString(shape);
    }
  }
}
