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
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(
          count
              + " x "
              + rows
              + " x "
              + cols
              + " images need "
              + (long) count * rows * cols
              + " pixels but "
              + pixels.length
              + " were given");
    }
  }

  /** The number of pixels in one image, {@code rows * cols}. */
  public int pixelsPerImage() {
    return rows * cols;
  }
}
