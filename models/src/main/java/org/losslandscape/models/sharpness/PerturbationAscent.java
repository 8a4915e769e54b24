package org.losslandscape.models.sharpness;

import java.util.Random;
import org.losslandscape.models.curvature.Objective;
import org.losslandscape.models.curvature.ValueAndGradient;

/**
 * Projected gradient ascent with restarts for {@code max_{e in region} f(centre + e)}, the inner
 * problem of every worst-case sharpness measure (SAM, ASAM, Keskar's box).
 *
 * <p>Each step moves in scaled coordinates along the region's steepest-ascent direction (the
 * normalized gradient for a ball, its sign for a box) by the current step length and projects back.
 * A step that would lower f is rejected and the step length halved, so every restart climbs
 * monotonically and the step size adapts without tuning; every evaluation counts toward the budget.
 * The answer is the best point evaluated, a feasible lower bound on the true maximum. Keskar et al.
 * used 10 L-BFGS-B iterations instead; this is the JVM substitute.
 */
public final class PerturbationAscent {

  private PerturbationAscent() {}

  /** Maximizes {@code objective(centre + e)} over {@code e} in {@code region}. */
  public static AscentResult maximize(
      Objective objective, double[] centre, PerturbationRegion region, AscentSettings settings) {
    if (centre.length != objective.dimension() || region.dimension() != centre.length) {
      throw new IllegalArgumentException(
          "centre, objective and region must have the same dimension, got "
              + centre.length
              + ", "
              + objective.dimension()
              + " and "
              + region.dimension());
    }
    double[] scale = region.scale();
    Random random = new Random(settings.seed());
    ValueAndGradient atCentre = objective.valueAndGradient(centre);
    int evaluations = 1;
    double firstStepValue = atCentre.value();
    double best = atCentre.value();
    double[] bestU = new double[centre.length];
    double[] perRestartBest = new double[settings.restarts()];

    for (int restart = 0; restart < settings.restarts(); restart++) {
      // The first restart starts at the centre, so its first step is the one-step estimate.
      double[] u = restart == 0 ? new double[centre.length] : region.randomBoundaryPoint(random);
      ValueAndGradient current = atCentre;
      if (restart > 0) {
        current = objective.valueAndGradient(shifted(centre, scale, u));
        evaluations++;
      }
      double restartBest = current.value();
      if (current.value() > best) {
        best = current.value();
        bestU = u.clone();
      }
      double step = settings.initialStep() * region.stepUnit();
      for (int s = 0; s < settings.steps(); s++) {
        double[] d = times(scale, current.gradient()); // the gradient with respect to u
        if (isZero(d)) {
          break; // stationary: no ascent direction
        }
        double[] direction = region.ascentDirection(d);
        double[] candidate = u.clone();
        for (int k = 0; k < candidate.length; k++) {
          candidate[k] += step * direction[k];
        }
        region.project(candidate);
        ValueAndGradient next = objective.valueAndGradient(shifted(centre, scale, candidate));
        evaluations++;
        if (restart == 0 && s == 0) {
          firstStepValue = next.value();
        }
        if (next.value() >= current.value()) {
          u = candidate;
          current = next;
          restartBest = Math.max(restartBest, current.value());
          if (current.value() > best) {
            best = current.value();
            bestU = u.clone();
          }
        } else {
          step /= 2;
        }
      }
      perRestartBest[restart] = restartBest;
    }
    return new AscentResult(
        atCentre.value(),
        best,
        firstStepValue,
        region.perturbation(bestU),
        perRestartBest,
        evaluations,
        settings);
  }

  /** {@code centre + scale * u}. */
  private static double[] shifted(double[] centre, double[] scale, double[] u) {
    double[] out = new double[centre.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = centre[k] + scale[k] * u[k];
    }
    return out;
  }

  private static double[] times(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = a[k] * b[k];
    }
    return out;
  }

  private static boolean isZero(double[] v) {
    for (double x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
