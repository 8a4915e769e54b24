package org.losslandscape.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.pipeline.config.RunId;

/**
 * The slices of one model: one grid per direction pair (the first is the one drawn and saved in
 * full) and their sharpness over the pairs.
 *
 * @param run the sliced model's identity
 * @param directions the first direction pair
 * @param grids one grid per direction pair, first pair first
 * @param report slice sharpness of every pair and the aggregate over pairs (the slice measure's
 *     result)
 */
public record ModelLandscape(
    RunId run, DirectionPair directions, List<LandscapeGrid> grids, SharpnessReport report) {

  public ModelLandscape {
    grids = List.copyOf(grids);
  }

  /** The grid of the first direction pair, the one the figures show. */
  public LandscapeGrid primary() {
    return grids.get(0);
  }

  /** The slice sharpness of each grid, first pair first, as the report holds it. */
  public List<SliceSharpness> sharpness() {
    List<SliceSharpness> out = new ArrayList<>();
    for (int pair = 0; pair < grids.size(); pair++) {
      List<SliceSharpness.Value> values = new ArrayList<>();
      for (SharpnessReport.Entry e : report.entries()) {
        values.add(
            new SliceSharpness.Value(
                e.epsilon(), e.perPair()[pair], e.pointsInBall(), e.perPairGrid()[pair]));
      }
      out.add(new SliceSharpness(values));
    }
    return out;
  }
}
