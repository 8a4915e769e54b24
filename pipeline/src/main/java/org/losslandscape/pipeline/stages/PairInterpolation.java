package org.losslandscape.pipeline.stages;

import org.losslandscape.models.interpolation.InterpolationCurve;

/**
 * The straight line between two models, walked on the training and the test set.
 *
 * @param from the model at t = 0 (a recipe's name, or a folder's)
 * @param to the model at t = 1
 * @param train loss and accuracy on the full training set
 * @param test loss and accuracy on the full test set
 */
public record PairInterpolation(
    String from, String to, InterpolationCurve train, InterpolationCurve test) {

  /** The results sub-folder of this pair: {@code interpolation/<from>__<to>}. */
  public String folder() {
    return "interpolation/" + from + "__" + to;
  }
}
