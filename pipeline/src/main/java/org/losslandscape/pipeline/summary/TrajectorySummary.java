package org.losslandscape.pipeline.summary;

import java.util.List;

/**
 * One recipe's training trajectory (its first seed): Li et al.'s PCA directions, the projected path
 * and the loss on their plane.
 *
 * @param name the recipe
 * @param definition how the directions and coordinates are computed
 * @param steps the step of each checkpoint, in training order (first: initial weights, last: final)
 * @param explainedVarianceRatio the two principal directions' shares of the offsets' variance
 * @param projXcoord each checkpoint's coordinate along the first direction (Li's proj_xcoord)
 * @param projYcoord each checkpoint's coordinate along the second direction (Li's proj_ycoord)
 * @param gridSize points per axis of the plane's grid
 * @param xRange the grid's range along the first direction, [min, max], weight-space distance
 * @param yRange the grid's range along the second direction
 * @param margin fraction of the path's extent added on every side
 * @param split the split the plane was evaluated on
 * @param samples examples per grid point
 * @param centerLoss loss at (0, 0): the final weights
 * @param minLoss smallest finite loss on the plane's grid
 * @param maxLoss largest finite loss on the plane's grid
 * @param arrays the folder of the arrays, relative to the output folder
 */
public record TrajectorySummary(
    String name,
    String definition,
    List<Long> steps,
    double[] explainedVarianceRatio,
    double[] projXcoord,
    double[] projYcoord,
    int gridSize,
    List<Double> xRange,
    List<Double> yRange,
    double margin,
    String split,
    int samples,
    double centerLoss,
    double minLoss,
    double maxLoss,
    String arrays) {

  /** What the numbers of a trajectory are. */
  public static final String DEFINITION =
      "offsets o_k = theta_k - theta_final of the checkpoints over all parameters; principal"
          + " directions of the offsets with their mean removed (as scikit-learn's PCA in Li et"
          + " al. 2018); explained_variance_ratio = eigenvalue / sum of eigenvalues; proj_xcoord"
          + " = <o_k, u1>, proj_ycoord = <o_k, u2> without removing the mean, so the final"
          + " weights are (0, 0); each direction's sign puts the first checkpoint at >= 0; the"
          + " plane's loss L(x, y) = Loss(theta_final + x u1 + y u2), u1 and u2 unit vectors (not"
          + " filter-normalized)";

  public TrajectorySummary {
    steps = List.copyOf(steps);
    xRange = List.copyOf(xRange);
    yRange = List.copyOf(yRange);
  }
}
