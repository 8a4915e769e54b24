package org.losslandscape.pipeline.data;

/**
 * Per-data-set standardisation of pixel values: take each pixel's value (an 8-bit level divided by
 * 255, or a real value as given, see {@link Pixels}), then subtract the mean and divide by the
 * standard deviation of all training values.
 *
 * <p>The constants come from the training split only, so nothing about the test split leaks into
 * the model; they are stored with the results so that a trained model can be reused.
 *
 * @param mean the mean of all training values (8-bit levels after scaling to {@code [0, 1]})
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
   * Computes mean and standard deviation over every pixel value of {@code training}.
   *
   * <p>8-bit levels take only 256 values, so their sums are formed from a histogram: exact counts,
   * then one double-precision term per grey level, which is both faster and more accurate than
   * adding 47 million floats. Real values are summed in double precision, in two passes.
   *
   * @throws DataException if all training values are equal, so the deviation is zero
   */
  public static Standardization fit(LabeledImages training) {
    Standardization fitted =
        training.pixels() instanceof Pixels.Levels levels
            ? fitLevels(levels.values())
            : fitReals(((Pixels.Reals) training.pixels()).values());
    if (fitted == null) {
      throw new DataException(
          "Cannot standardise the training images: all "
              + training.pixels().length()
              + " pixels have the same value; check the data files.");
    }
    return fitted;
  }

  /** The constants of 8-bit levels, or null if every level is the same. */
  private static Standardization fitLevels(byte[] pixels) {
    long[] histogram = new long[PIXEL_LEVELS];
    for (byte pixel : pixels) {
      histogram[Byte.toUnsignedInt(pixel)]++;
    }
    double total = pixels.length;
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
    return std == 0 ? null : new Standardization(mean, std);
  }

  /** The constants of real values, or null if every value is the same. */
  private static Standardization fitReals(float[] values) {
    double sum = 0;
    for (float value : values) {
      sum += value;
    }
    double mean = sum / values.length;
    double squaredDeviations = 0;
    for (float value : values) {
      double deviation = value - mean;
      squaredDeviations += deviation * deviation;
    }
    double std = Math.sqrt(squaredDeviations / values.length);
    return std == 0 || !Double.isFinite(std) ? null : new Standardization(mean, std);
  }

  /**
   * Standardised values of {@code images}, row-major with shape {@code [count, pixelsPerImage]}.
   */
  public float[] apply(LabeledImages images) {
    return images.pixels() instanceof Pixels.Levels levels
        ? applyToLevels(levels.values())
        : applyToReals(((Pixels.Reals) images.pixels()).values());
  }

  private float[] applyToLevels(byte[] pixels) {
    float[] table = lookupTable();
    float[] standardized = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      standardized[i] = table[Byte.toUnsignedInt(pixels[i])];
    }
    return standardized;
  }

  /** Each value standardized in double precision and rounded once, as the levels' table is. */
  private float[] applyToReals(float[] values) {
    float[] standardized = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      standardized[i] = (float) ((values[i] - mean) / std);
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
