package org.losslandscape.models.landscape;

import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.mlp.Parameters;

/**
 * Computes the loss and accuracy of {@code theta + alpha d1 + beta d2} on every point of a grid.
 * Implementations differ in speed only; tests hold them to the same numbers.
 */
public interface LandscapeEvaluator {

  /**
   * Evaluates the slice.
   *
   * @param theta the trained weights (the centre)
   * @param directions the two directions spanning the slice
   * @param grid the coordinates
   * @param samples the examples every point is evaluated on
   * @param progress told after each grid row
   */
  LandscapeGrid evaluate(
      Parameters theta,
      DirectionPair directions,
      GridSpec grid,
      LabeledData samples,
      RowProgress progress);

  /**
   * The slice as a function of the plane (the mean loss at any (alpha, beta)), for searches that
   * need points off the grid; the caller closes it. It sums the samples in the chunks {@link
   * #evaluate} uses for {@code grid}, so that at a point of that grid it gives the grid's value.
   *
   * @throws UnsupportedOperationException if this evaluator only evaluates grids
   */
  default PlaneSlice function(
      Parameters theta, DirectionPair directions, GridSpec grid, LabeledData samples) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " evaluates grids only, not points off the grid");
  }

  /** A slice as a function of the plane that holds native resources until closed. */
  interface PlaneSlice extends PlaneFunction, AutoCloseable {
    @Override
    void close();
  }

  /** Receives progress after each finished row of the grid. */
  @FunctionalInterface
  interface RowProgress {
    void rowDone(int rowsDone, int rows);

    RowProgress NONE = (done, rows) -> {};
  }
}
