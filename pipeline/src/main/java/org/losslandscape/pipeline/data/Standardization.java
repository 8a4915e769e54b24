package org.losslandscape.pipeline.data;

/**
 * Per-data-set standardisation of pixel values: scale to {@code [0, 1]}, then subtract the mean and
 * divide by the standard deviation of all training pixels.
 *
 * <p>The constants come from the training split only, so nothing about the test split leaks into
 * the model; they are stored with the results so that a trained model can be reused.
 *
 * @param mean the mean of all training pixels after scaling to {@code [0, 1]}
 * @param std the population standard deviation (divisor N) of the same values, positive
 */
public record Standardization(double mean, double std) {

  private static final int PIXEL_LEVELS = 256;
  private static final double MAX_PIXEL = 255.0;

  /** Checks that both constants are finite and {@code std} is positive. */
  public Standardization {
    if (!Double.isFinite(mean) || !Double.isFinite(std) || std <= 0) {
      throw new IllegalArgumentException(
          "mean must be finite and std finite and positive: mean " + mean + ", std " + std);
    }
  }

  /**
   * Computes mean and standard deviation over every pixel of {@code training}.
   *
   * <p>Pixels take only 256 values, so the sums are formed from a histogram: exact counts, then one
   * double-precision term per grey level, which is both faster and more accurate than adding 47
   * million floats.
   *
   * @throws DataException if all training pixels are equal, so the deviation is zero
   */
  public static Standardization fit(LabeledImages training) {
    long[] histogram = new long[PIXEL_LEVELS];
    for (byte pixel : training.pixels()) {
      histogram[Byte.toUnsignedInt(pixel)]++;
    }
    double total = training.pixels().length;
    double sum = 0;
    for (int level = 0; level < PIXEL_LEVELS; level++) {
      sum += histogram[level] * (level / MAX_PIXEL);
    }
    double mean = sum / total;
    double squaredDeviations = 0;
    for (int level = 0; level < PIXEL_LEVELS; level++) {
      double deviation = level / MAX_PIXEL - mean;
      squaredDeviations += histogram[level] * deviation * deviation;
    }
    double std = Math.sqrt(squaredDeviations / total);
    if (std == 0) {
      throw new DataException(
          "Cannot standardise the training images: all "
              + training.pixels().length
              + " pixels have the same value; check the data files.");
    }
    return new Standardization(mean, std);
  }

  /** Standardised pixels of {@code images}, row-major with shape {@code [count, rows * cols]}. */
  public float[] apply(LabeledImages images) {
    float[] table = lookupTable();
    byte[] pixels = images.pixels();
    float[] standardized = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      standardized[i] = table[Byte.toUnsignedInt(pixels[i])];
    }
    return standardized;
  }

  /** The standardised value of one raw pixel value in {@code 0..255}. */
  public float apply(int pixel) {
    if (pixel < 0 || pixel >= PIXEL_LEVELS) {
      throw new IllegalArgumentException("pixel value " + pixel + " is not in 0..255");
    }
    return (float) ((pixel / MAX_PIXEL - mean) / std);
  }

  /** Every pixel value maps to one of 256 results, computed once in double and rounded once. */
  private float[] lookupTable() {
    float[] table = new float[PIXEL_LEVELS];
    for (int level = 0; level < PIXEL_LEVELS; level++) {
      table[level] = apply(level);
    }
    return table;
  }
}
