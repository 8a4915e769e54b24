package org.losslandscape.models.curvature;

/**
 * How {@link SpectralDensity#estimate} probes the spectrum and draws the density.
 *
 * @param probes random unit probes, each one Lanczos run
 * @param lanczosSteps Lanczos steps per probe (operator applications; fewer if the space is
 *     exhausted): the number of quadrature nodes per probe
 * @param seed seeds the probes
 * @param gridPoints points of the density curve
 * @param relativeWidth standard deviation of the Gaussian put on each node, as a fraction of the
 *     spread between the smallest and the largest node
 */
public record DensitySettings(
    int probes, int lanczosSteps, long seed, int gridPoints, double relativeWidth) {

  public DensitySettings {
    if (probes < 1 || lanczosSteps < 1) {
      throw new IllegalArgumentException(
          "need at least one probe and one Lanczos step, got " + probes + " and " + lanczosSteps);
    }
    if (gridPoints < 2) {
      throw new IllegalArgumentException("the density grid needs >= 2 points, got " + gridPoints);
    }
    if (!(relativeWidth > 0)) {
      throw new IllegalArgumentException(
          "the relative broadening must be positive, got " + relativeWidth);
    }
  }
}
