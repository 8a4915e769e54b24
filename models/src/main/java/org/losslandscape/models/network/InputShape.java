package org.losslandscape.models.network;

/**
 * The shape of one input example as the network sees it: an image of {@code height x width} pixels
 * with {@code channels} values each, stored channels-last (NHWC) and flattened row by row, so
 * example {@code i}'s pixel {@code (y, x)} channel {@code c} is value {@code ((y * width + x) *
 * channels + c)} of its row. A flat feature vector is {@code 1 x 1 x features}; dense layers do not
 * care which.
 *
 * @param height rows of pixels
 * @param width columns of pixels
 * @param channels values per pixel (1 for grey-scale, 3 for RGB)
 */
public record InputShape(int height, int width, int channels) {

  public InputShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "an input shape needs positive sides, got " + height + "x" + width + "x" + channels);
    }
  }

  /** Fashion-MNIST's 28 x 28 grey-scale images. */
  public static InputShape fashionMnist() {
    return new InputShape(28, 28, 1);
  }

  /** A flat vector of {@code features} values (no spatial layout). */
  public static InputShape flat(int features) {
    return new InputShape(1, 1, features);
  }

  /** Values per example. */
  public int size() {
    return Math.multiplyExact(Math.multiplyExact(height, width), channels);
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
