package org.losslandscape.pipeline.summary;

import java.util.List;

/**
 * The straight lines between pairs of minima (Goodfellow et al. 2015; Keskar et al. 2017).
 *
 * @param definition what the curves are
 * @param t the path parameter of every point, shared by all curves
 * @param pairs one entry per pair of models
 */
public record InterpolationSummary(String definition, double[] t, List<Pair> pairs) {

  /** What an interpolation curve is. */
  public static final String DEFINITION =
      "L((1 - t) theta_from + t theta_to) and accuracy on the full training and test sets, each"
          + " weight computed in double and rounded once to float32, so t = 0 and t = 1 are the two"
          + " models' own weights; barrier = max loss over 0 < t < 1 minus the larger end loss"
          + " (<= 0: no barrier on the line)";

  public InterpolationSummary {
    pairs = List.copyOf(pairs);
  }

  /**
   * One pair.
   *
   * @param from the model at t = 0 (a recipe, or a folder's name)
   * @param to the model at t = 1
   * @param fromWeights the folder the first model was read from ({@code interpolate} only)
   * @param toWeights the folder the second model was read from ({@code interpolate} only)
   * @param train the curve on the training set
   * @param test the curve on the test set
   * @param arrays the folder of the arrays, relative to the output folder
   */
  public record Pair(
      String from,
      String to,
      String fromWeights,
      String toWeights,
      Curve train,
      Curve test,
      String arrays) {}

  /**
   * One curve.
   *
   * @param samples examples every point was evaluated on
   * @param loss mean cross-entropy at each t
   * @param accuracy accuracy at each t
   * @param barrier largest loss strictly between the ends minus the larger end loss
   */
  public record Curve(int samples, double[] loss, double[] accuracy, double barrier) {}
}
