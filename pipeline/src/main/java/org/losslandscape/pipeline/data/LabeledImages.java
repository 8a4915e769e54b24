package org.losslandscape.pipeline.data;

import java.util.Arrays;

/**
 * One split of the data set: images with their class labels.
 *
 * <p>The arrays are not copied (the training split holds 47 MB of pixels); the record takes
 * ownership of them and callers must not modify them afterwards.
 *
 * @param pixels {@code count * rows * cols} unsigned bytes, row-major, image after image
 * @param labels {@code count} class indices in {@code 0..9}
 * @param count the number of images, positive
 * @param rows the height of each image, positive
 * @param cols the width of each image, positive
 */
public record LabeledImages(byte[] pixels, int[] labels, int count, int rows, int cols) {

  /** Checks that the arrays fill the dimensions exactly and that the labels are class indices. */
  public LabeledImages {
    if (count <= 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "dimensions must be positive: " + count + " x " + rows + " x " + cols);
    }
    if (!IdxImages.fillsExactly(pixels.length, count, rows, cols) || labels.length != count) {
      throw new IllegalArgumentException(
          count
              + " images of "
              + rows
              + "x"
              + cols
              + " do not match "
              + pixels.length
              + " pixels and "
              + labels.length
              + " labels");
    }
    for (int i = 0; i < count; i++) {
      if (labels[i] < 0 || labels[i] >= IdxReader.CLASS_COUNT) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " is not in 0..9");
      }
    }
  }

  /**
   * Pairs images with labels read from IDX files; both must hold the same number of items.
   *
   * @throws IllegalArgumentException if the counts differ
   */
  public static LabeledImages of(IdxImages images, IdxLabels labels) {
    int[] classIndices = new int[labels.count()];
    for (int i = 0; i < classIndices.length; i++) {
      classIndices[i] = labels.labels()[i];
    }
    return new LabeledImages(
        images.pixels(), classIndices, images.count(), images.rows(), images.cols());
  }

  /** The number of pixels in one image, {@code rows * cols} (784 for Fashion-MNIST). */
  public int pixelsPerImage() {
    return rows * cols;
  }

  /** How many images each class has: element {@code c} counts label {@code c}. */
  public int[] classCounts() {
    int[] counts = new int[IdxReader.CLASS_COUNT];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * The first {@code n} images and labels, as fresh copies (for quick runs on part of a split).
   *
   * @throws IllegalArgumentException unless {@code 0 < n <= count}
   */
  public LabeledImages first(int n) {
    if (n <= 0 || n > count) {
      throw new IllegalArgumentException("cannot take " + n + " of " + count + " images");
    }
    return new LabeledImages(
        Arrays.copyOf(pixels, n * pixelsPerImage()), Arrays.copyOf(labels, n), n, rows, cols);
  }

  @Override
  public String toString() {
    return "LabeledImages[" + count + " x " + rows + "x" + cols + "]";
  }
}
