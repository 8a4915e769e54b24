package org.losslandscape.models.sharpness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.losslandscape.models.curvature.Objective;
import org.losslandscape.models.curvature.ValueAndGradient;

/**
 * Auto-PGD (Croce and Hein 2020), the maximizer Andriushchenko et al. (2023) use for worst-case
 * sharpness: {@code max_{e in region} f(centre + e)}, the inner problem of SAM's, ASAM's and
 * Keskar's sharpness.
 *
 * <p>In the region's scaled coordinates u each iteration takes a step of length eta along the
 * region's steepest-ascent direction (the normalized gradient for a ball, its sign for a box),
 * projects, and mixes the result with the previous move (momentum 0.75), projecting again:
 *
 * <pre>
 *   z = P(u_k + eta dir(grad f(u_k)))
 *   u_{k+1} = P(u_k + 0.75 (z - u_k) + 0.25 (u_k - u_{k-1}))
 * </pre>
 *
 * Eta starts at {@code initialStep} times the region's radius (APGD's 2 eps). At checkpoints at 0,
 * 22%, 41%, 57%, 70%, 80%, 87%, ... of the iterations, eta is halved and the search restarted from
 * the best point found when fewer than 75% of the steps since the last checkpoint raised f, or when
 * neither eta nor the best value changed since it. The answer is the best point evaluated over all
 * starts: a feasible lower bound on the true maximum. The first start is at the centre, so its
 * first step is SAM's one-step ascent; the others at random points on the region's boundary.
 *
 * <p>The best value after each quarter of the iterations is recorded; a search whose last quarter
 * still raised the increase by more than 1% is marked not converged ({@link AscentResult}).
 */
public final class PerturbationAscent {

  /** APGD's momentum. */
  static final double MOMENTUM = 0.75;

  /** APGD's share of improving steps below which a checkpoint halves the step. */
  static final double IMPROVING_SHARE = 0.75;

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
    int iterations = settings.steps();
    List<Integer> checkpoints = checkpoints(iterations);
    int[] counter = {1};
    double best = atCentre.value();
    double[] bestU = new double[centre.length];
    double firstStepValue = atCentre.value();
    double[] perRestartBest = new double[settings.restarts()];
    double[] quarterBest = new double[4];
    java.util.Arrays.fill(quarterBest, atCentre.value());

    for (int restart = 0; restart < settings.restarts(); restart++) {
      double[] u = restart == 0 ? new double[centre.length] : region.randomBoundaryPoint(random);
      ValueAndGradient current =
          restart == 0 ? atCentre : evaluate(objective, centre, scale, u, counter);
      double[] previous = u.clone();
      double eta = settings.initialStep() * region.stepUnit();
      double startBest = current.value();
      double[] startBestU = u.clone();
      ValueAndGradient startBestAt = current;
      int improving = 0;
      int lastCheckpoint = 0;
      double etaAtLastCheckpoint = eta;
      double bestAtLastCheckpoint = startBest;
      for (int k = 0; k < iterations; k++) {
        double[] d = times(scale, current.gradient()); // the gradient with respect to u
        double[] next;
        if (isZero(d)) {
          next = u.clone(); // stationary: no ascent direction
        } else {
          double[] direction = region.ascentDirection(d);
          double[] z = u.clone();
          for (int i = 0; i < z.length; i++) {
            z[i] += eta * direction[i];
          }
          region.project(z);
          if (k == 0) {
            next = z;
          } else {
            next = new double[u.length];
            for (int i = 0; i < next.length; i++) {
              next[i] = u[i] + MOMENTUM * (z[i] - u[i]) + (1 - MOMENTUM) * (u[i] - previous[i]);
            }
            region.project(next);
          }
        }
        ValueAndGradient evaluated = evaluate(objective, centre, scale, next, counter);
        if (restart == 0 && k == 0) {
          firstStepValue = evaluated.value();
        }
        if (evaluated.value() > current.value()) {
          improving++;
        }
        previous = u;
        u = next;
        current = evaluated;
        if (current.value() > startBest) {
          startBest = current.value();
          startBestU = u.clone();
          startBestAt = current;
        }
        int done = k + 1;
        for (int q = 0; q < 4; q++) {
          if (done == (int) Math.ceil((q + 1) * iterations / 4.0)) {
            quarterBest[q] = Math.max(quarterBest[q], startBest);
          }
        }
        if (checkpoints.contains(done) && done < iterations) {
          int window = done - lastCheckpoint;
          boolean fewImproved = improving < IMPROVING_SHARE * window;
          boolean stalled = eta == etaAtLastCheckpoint && startBest == bestAtLastCheckpoint;
          if (fewImproved || stalled) {
            eta /= 2;
            u = startBestU.clone();
            previous = u.clone();
            current = startBestAt;
          }
          improving = 0;
          lastCheckpoint = done;
          etaAtLastCheckpoint = eta;
          bestAtLastCheckpoint = startBest;
        }
      }
      perRestartBest[restart] = startBest;
      if (startBest > best) {
        best = startBest;
        bestU = startBestU.clone();
      }
    }
    return new AscentResult(
        atCentre.value(),
        best,
        firstStepValue,
        region.perturbation(bestU),
        perRestartBest,
        counter[0],
        settings,
        quarterBest);
  }

  /**
   * The iterations after which APGD checks its progress: ceil(p_j N) for p_0 = 0, p_1 = 0.22,
   * p_{j+1} = p_j + max(p_j - p_{j-1} - 0.03, 0.06), while below 1.
   */
  static List<Integer> checkpoints(int iterations) {
    List<Integer> out = new ArrayList<>();
    double before = 0;
    double p = 0.22;
    while (p < 1) {
      out.add((int) Math.ceil(p * iterations - 1e-9)); // 0.7 * 20 is 14, not 14.000000000000002
      double next = p + Math.max(p - before - 0.03, 0.06);
      before = p;
      p = next;
    }
    return out;
  }

  private static ValueAndGradient evaluate(
      Objective objective, double[] centre, double[] scale, double[] u, int[] counter) {
    counter[0]++;
    return objective.valueAndGradient(shifted(centre, scale, u));
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
