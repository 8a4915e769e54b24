package org.losslandscape.pipeline.data;

/**
 * The content of an IDX image file: {@code count} images of {@code rows x cols} pixels with {@code
 * channels} unsigned bytes each, row-major and channels-last, image after image. A rank-3 file
 * ({@code [count, rows, cols]}, as MNIST and Fashion-MNIST are) has one channel; a rank-4 file
 * ({@code [count, rows, cols, channels]}) any number.
 *
 * <p>The pixel array is not copied (the full training set is 47 MB); the record takes ownership of
 * it and callers must not modify it afterwards.
 *
 * @param count the number of images, positive
 * @param rows the height of each image, positive
 * @param cols the width of each image, positive
 * @param channels the values per pixel, positive
 * @param pixels {@code count * rows * cols * channels} unsigned bytes (read with {@code
 *     Byte.toUnsignedInt})
 */
public record IdxImages(int count, int rows, int cols, int channels, byte[] pixels) {

  /** Checks that the dimensions are positive and {@code pixels} fills them exactly. */
  public IdxImages {
    if (count <= 0 || rows <= 0 || cols <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "dimensions must be positive: " + count + " x " + rows + " x " + cols + " x " + channels);
    }
    if (!fillsExactly(pixels.length, count, rows, cols, channels)) {
      throw new IllegalArgumentException(
          count
              + " x "
              + rows
              + " x "
              + cols
              + " x "
              + channels
              + " images do not match the "
              + pixels.length
              + " pixels given");
    }
  }

  /** Single-channel images, as a rank-3 IDX file holds them. */
  public IdxImages(int count, int rows, int cols, byte[] pixels) {
    this(count, rows, cols, 1, pixels);
  }

  /**
   * Whether {@code length} equals {@code count * rows * cols * channels} for positive factors,
   * without the product overflowing: factors below 2^31 can exceed a long, and a wrapped product
   * could match a small array.
   */
  static boolean fillsExactly(int length, int count, int rows, int cols, int channels) {
    long perRow = (long) cols * channels;
    if (perRow > Integer.MAX_VALUE) {
      return false;
    }
    long perImage = rows * perRow;
    return LabeledImages.fillsExactly(length, count, perImage);
  }

  /** The number of values in one image, {@code rows * cols * channels}. */
  public int pixelsPerImage() {
    return rows * cols * channels;
  }
}
