package org.losslandscape.pipeline.summary;

/**
 * The standardization applied to every pixel before the network sees it.
 *
 * @param formula the formula in words
 * @param mean the mean of all training pixel values (8-bit levels after scaling to [0, 1])
 * @param std their standard deviation
 */
public record PreprocessingSummary(String formula, double mean, double std) {

  /** The formula of 8-bit pixels (IDX files, integer arrays): Fashion-MNIST's. */
  public static final String FORMULA =
      "x = (pixel / 255 - mean) / std, mean and std over all training pixels";

  /** The formula of real-valued pixels (float arrays), taken as given. */
  public static final String REAL_VALUES_FORMULA =
      "x = (value - mean) / std, mean and std over all training values";

  /** The summary of constants {@code mean} and {@code std} of 8-bit pixels. */
  public static PreprocessingSummary of(double mean, double std) {
    return new PreprocessingSummary(FORMULA, mean, std);
  }
}
