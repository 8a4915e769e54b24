package org.losslandscape.pipeline.measures;

import java.util.Objects;
import java.util.function.Supplier;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;

/**
 * One 2-D slice of a trained model as a measure reads it ({@link MeasureNeed#SLICE}): the loss on
 * the grid along one direction pair, and the loss anywhere on that plane. The landscape stage makes
 * both (the slices are its product); the plane holds native resources, so the measure opens it when
 * it needs points off the grid and closes it after.
 *
 * @param grid the loss on the grid, the trained weights at its centre
 * @param plane opens the loss as a function of the plane, by the same arithmetic as the grid
 */
public record ModelSlice(LandscapeGrid grid, Supplier<LandscapeEvaluator.PlaneSlice> plane) {

  public ModelSlice {
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(plane, "plane");
  }
}
