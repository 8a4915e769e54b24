package org.losslandscape.pipeline.stages;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.losslandscape.models.trajectory.TrajectorySurface;
import org.losslandscape.pipeline.plot.ColorScale;
import org.losslandscape.pipeline.plot.InterpolationFigure;
import org.losslandscape.pipeline.plot.PanelFigure;
import org.losslandscape.pipeline.plot.SurfaceData;
import org.losslandscape.pipeline.plot.TrajectoryRenderer;

/**
 * The trajectory and interpolation figures: what each panel shows and how it is titled; the drawing
 * itself is {@link TrajectoryRenderer} and {@link InterpolationFigure}.
 */
final class PathFigures {

  private static final String LOSS = "loss (nats)";

  private PathFigures() {}

  /** One run's trajectory on its own plane, with its own colour scale. */
  static BufferedImage trajectory(ModelTrajectory t, boolean logScale) {
    TrajectoryRenderer.Panel panel = panel(t, t.run().folder());
    TrajectoryRenderer renderer = new TrajectoryRenderer(List.of(panel), LOSS);
    ColorScale scale = scale(renderer.surfaces(), logScale);
    return PanelFigure.grid(
        t.run().folder()
            + " — training trajectory on its top two principal components — "
            + samplesText(t)
            + scaleText(scale),
        renderer.surfaces(),
        1,
        scale,
        renderer);
  }

  /** Every recipe's trajectory side by side on ONE colour scale (2x2 for the four recipes). */
  static BufferedImage trajectories(List<ModelTrajectory> trajectories, boolean logScale) {
    List<TrajectoryRenderer.Panel> panels = new ArrayList<>();
    for (ModelTrajectory t : trajectories) {
      panels.add(panel(t, t.run().recipe()));
    }
    TrajectoryRenderer renderer = new TrajectoryRenderer(panels, LOSS);
    ColorScale shared = scale(renderer.surfaces(), logScale);
    int cols = panels.size() == 4 ? 2 : Math.min(panels.size(), 3);
    return PanelFigure.grid(
        "How SGD got there: checkpoints projected on each run's top two principal components,"
            + " one colour scale — "
            + samplesText(trajectories.get(0))
            + scaleText(shared),
        renderer.surfaces(),
        cols,
        shared,
        renderer);
  }

  /** The lines between the pairs of minima, loss above accuracy, one column per pair. */
  static BufferedImage interpolation(List<PairInterpolation> pairs) {
    List<InterpolationFigure.Pair> panels = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (PairInterpolation p : pairs) {
      panels.add(
          new InterpolationFigure.Pair(
              p.from(),
              p.to(),
              p.train().t(),
              p.train().loss(),
              p.test().loss(),
              p.train().accuracy(),
              p.test().accuracy(),
              String.format(Locale.ROOT, "train (%,d examples)", p.train().samples()),
              String.format(Locale.ROOT, "test (%,d examples)", p.test().samples())));
      for (double[] loss : List.of(p.train().loss(), p.test().loss())) {
        for (double v : loss) {
          if (Double.isFinite(v) && v > 0) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    // Far outside [0, 1] the loss can grow by orders of magnitude; a log axis keeps the minima
    // readable then (and has at least two labelled decades).
    boolean logLoss = hi > 100 * lo;
    int width = Math.max(800, (int) Math.ceil(PanelFigure.MIN_WIDTH / (double) pairs.size()));
    return InterpolationFigure.render(
        "Straight lines between minima: L((1 − t) θ_a + t θ_b), train solid, test dashed",
        panels,
        logLoss,
        width,
        560);
  }

  private static TrajectoryRenderer.Panel panel(ModelTrajectory t, String name) {
    TrajectorySurface s = t.surface();
    double[] ratio = s.plane().explainedVarianceRatios();
    String title =
        String.format(
            Locale.ROOT,
            "%s: %d checkpoints, final loss %.4f",
            name,
            s.plane().pathLength(),
            s.centreLoss());
    return new TrajectoryRenderer.Panel(
        new SurfaceData(title, s.xAxis(), s.yAxis(), s.grid().loss()),
        s.plane().xCoordinates(),
        s.plane().yCoordinates(),
        String.format(
            Locale.ROOT, "PC1 (%.1f%% of variance), weight-space distance", 100 * ratio[0]),
        String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * ratio[1]),
        "start (step " + t.steps().get(0) + ")",
        "end (step " + t.steps().get(t.steps().size() - 1) + ")");
  }

  /**
   * A trajectory's plane reaches from the initial weights' loss down to the minimum, often more
   * than a factor of 10: a log scale (asked for, or chosen then) keeps contours around the minimum.
   */
  private static ColorScale scale(List<SurfaceData> surfaces, boolean logScale) {
    ColorScale linear = ColorScale.shared(surfaces, false);
    boolean log = logScale || (linear.min() > 0 && linear.max() > 10 * linear.min());
    return log ? ColorScale.shared(surfaces, true) : linear;
  }

  private static String scaleText(ColorScale scale) {
    return scale.log() ? " (log colour scale)" : "";
  }

  private static String samplesText(ModelTrajectory t) {
    return String.format(
        Locale.ROOT, "%d %s samples", t.samples().indices().length, t.samples().split().label());
  }
}
