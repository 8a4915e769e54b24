package org.losslandscape.pipeline.stages;

import java.util.List;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.pipeline.config.RunId;

/**
 * The slices of one model: one grid per direction pair (the first is the one drawn and saved in
 * full), their sharpness, and the aggregate over pairs.
 *
 * @param run the sliced model's identity
 * @param directions the first direction pair
 * @param grids one grid per direction pair, first pair first
 * @param sharpness slice sharpness of each grid
 * @param report sharpness aggregated over the pairs
 */
public record ModelLandscape(
    RunId run,
    DirectionPair directions,
    List<LandscapeGrid> grids,
    List<SliceSharpness> sharpness,
    SharpnessReport report) {

  public ModelLandscape {
    grids = List.copyOf(grids);
    sharpness = List.copyOf(sharpness);
  }

  /** The grid of the first direction pair, the one the figures show. */
  public LandscapeGrid primary() {
    return grids.get(0);
  }
}
