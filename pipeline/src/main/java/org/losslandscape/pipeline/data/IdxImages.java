package org.losslandscape.pipeline.data;

/**
 * The content of an IDX image file: {@code count} greyscale images of {@code rows x cols} unsigned
 * bytes, row-major, image after image.
 *
 * <p>The pixel array is not copied (the full training set is 47 MB); the record takes ownership of
 * it and callers must not modify it afterwards.
 *
 * @param count the number of images, positive
 * @param rows the height of each image, positive
 * @param cols the width of each image, positive
 * @param pixels {@code count * rows * cols} unsigned bytes (read with {@code Byte.toUnsignedInt})
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

  /** Checks that the dimensions are positive and {@code pixels} fills them exactly. */
  public IdxImages {
    if (count <= 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "dimensions must be positive: " + count + " x " + rows + " x " + cols);
    }
    if (!fillsExactly(pixels.length, count, rows, cols)) {
      throw new IllegalArgumentException(
          count
              + " x "
              + rows
              + " x "
              + cols
              + " images do not match the "
              + pixels.length
              + " pixels given");
    }
  }

  /**
   * Whether {@code length} equals {@code count * rows * cols} for positive factors, without the
   * product overflowing: three factors below 2^31 can exceed a long (2^31 cubed is 2^93), and a
   * wrapped product could match a small array.
   */
  static boolean fillsExactly(int length, int count, int rows, int cols) {
    long perImage = (long) rows * cols;
    return length % perImage == 0 && length / perImage == count;
  }

  /** The number of pixels in one image, {@code rows * cols}. */
  public int pixelsPerImage() {
    return rows * cols;
  }
}
