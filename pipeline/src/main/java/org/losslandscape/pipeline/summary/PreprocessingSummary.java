package org.losslandscape.pipeline.summary;

/**
 * The standardization applied to every pixel before the network sees it.
 *
 * @param formula the formula in words
 * @param mean the mean of all training pixels, after scaling to [0, 1]
 * @param std their standard deviation
 */
public record PreprocessingSummary(String formula, double mean, double std) {

  /** The formula every run applies. */
  public static final String FORMULA =
      "x = (pixel / 255 - mean) / std, mean and std over all training pixels";

  /** The summary of constants {@code mean} and {@code std}. */
  public static PreprocessingSummary of(double mean, double std) {
    return new PreprocessingSummary(FORMULA, mean, std);
  }
}
