package org.losslandscape.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.interpolation.InterpolationCurve;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.trajectory.TrajectorySurface;
import org.losslandscape.pipeline.summary.InterpolationSummary;
import org.losslandscape.pipeline.summary.TrajectorySummary;

/**
 * The {@code trajectories} and {@code interpolation} sections of {@code summary.json}, built from
 * what the trajectory and interpolation stages computed.
 */
final class PathSummaries {

  private PathSummaries() {}

  /** One entry per trajectory, in study order; null when there is none (the field is omitted). */
  static List<TrajectorySummary> trajectories(List<ModelTrajectory> trajectories, double margin) {
    if (trajectories.isEmpty()) {
      return null;
    }
    List<TrajectorySummary> out = new ArrayList<>();
    for (ModelTrajectory t : trajectories) {
      TrajectorySurface s = t.surface();
      LandscapeGrid grid = s.grid();
      double[] x = s.xAxis();
      double[] y = s.yAxis();
      out.add(
          new TrajectorySummary(
              t.run().recipe(),
              TrajectorySummary.DEFINITION,
              t.steps(),
              s.plane().explainedVarianceRatios(),
              s.plane().xCoordinates(),
              s.plane().yCoordinates(),
              grid.spec().size(),
              List.of(x[0], x[x.length - 1]),
              List.of(y[0], y[y.length - 1]),
              margin,
              t.samples().split().label(),
              t.samples().indices().length,
              grid.centreLoss(),
              grid.minLoss(),
              grid.maxLoss(),
              t.run().folder() + "/trajectory"));
    }
    return out;
  }

  /**
   * The curves of every pair, with the folders the models were read from when given ({@code
   * weights} maps a model's name to its folder); null when there is no pair.
   */
  static InterpolationSummary interpolation(
      List<PairInterpolation> pairs, Map<String, String> weights) {
    if (pairs.isEmpty()) {
      return null;
    }
    List<InterpolationSummary.Pair> out = new ArrayList<>();
    for (PairInterpolation p : pairs) {
      out.add(
          new InterpolationSummary.Pair(
              p.from(),
              p.to(),
              weights.get(p.from()),
              weights.get(p.to()),
              curve(p.train()),
              curve(p.test()),
              p.folder()));
    }
    return new InterpolationSummary(InterpolationSummary.DEFINITION, pairs.get(0).train().t(), out);
  }

  private static InterpolationSummary.Curve curve(InterpolationCurve c) {
    return new InterpolationSummary.Curve(c.samples(), c.loss(), c.accuracy(), c.barrier());
  }
}
