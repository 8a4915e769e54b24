package org.losslandscape.pipeline.data;

import java.util.Arrays;
import org.losslandscape.models.network.InputShape;

/**
 * One split of a data set: images with their class labels.
 *
 * <p>The arrays are not copied (Fashion-MNIST's training split holds 47 MB of pixels); the record
 * takes ownership of them and callers must not modify them afterwards.
 *
 * @param pixels {@code count * shape.size()} values, image after image, each row-major and
 *     channels-last
 * @param labels one class index per image, each {@code >= 0}; at least one image
 * @param shape the shape of one image
 */
public record LabeledImages(Pixels pixels, int[] labels, InputShape shape) {

  /** Checks that the pixels fill the images exactly and that the labels are class indices. */
  public LabeledImages {
    if (labels.length == 0) {
      throw new IllegalArgumentException("a split needs at least one image");
    }
    if (!fillsExactly(pixels.length(), labels.length, shape.size())) {
      throw new IllegalArgumentException(
          labels.length
              + " images of "
              + shape
              + " do not match "
              + pixels.length()
              + " pixel values");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " is negative");
      }
    }
  }

  /**
   * Whether {@code length} equals {@code count * perImage} for positive factors, without the
   * product overflowing (a wrapped product could match a small array).
   */
  static boolean fillsExactly(long length, long count, long perImage) {
    return perImage > 0 && length % perImage == 0 && length / perImage == count;
  }

  /**
   * Pairs 8-bit images with labels read from IDX files; both must hold the same number of items.
   *
   * @throws IllegalArgumentException if the counts differ
   */
  public static LabeledImages of(IdxImages images, IdxLabels labels) {
    int[] classIndices = new int[labels.count()];
    for (int i = 0; i < classIndices.length; i++) {
      classIndices[i] = Byte.toUnsignedInt(labels.labels()[i]);
    }
    return new LabeledImages(
        new Pixels.Levels(images.pixels()),
        classIndices,
        new InputShape(images.rows(), images.cols(), images.channels()));
  }

  /** The number of images. */
  public int count() {
    return labels.length;
  }

  /** The number of values in one image (784 for Fashion-MNIST). */
  public int pixelsPerImage() {
    return shape.size();
  }

  /** The number of classes the labels imply: the largest label plus one. */
  public int classes() {
    int max = 0;
    for (int label : labels) {
      max = Math.max(max, label);
    }
    return max + 1;
  }

  /** How many images each class has: element {@code c} counts label {@code c}. */
  public int[] classCounts() {
    int[] counts = new int[classes()];
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
    if (n <= 0 || n > count()) {
      throw new IllegalArgumentException("cannot take " + n + " of " + count() + " images");
    }
    return new LabeledImages(pixels.first(n * pixelsPerImage()), Arrays.copyOf(labels, n), shape);
  }

  @Override
  public String toString() {
    return "LabeledImages[" + count() + " x " + shape + "]";
  }
}
