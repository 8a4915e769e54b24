package org.losslandscape.models.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.RandomDirectionsTest;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.JacobiEigen;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

class SpectralDensityTest {

  @Test
  void onAKnownSpectrumTheMassSitsAtTheEigenvaluesInProportionToTheirMultiplicity() {
    // 60 eigenvalues, three distinct: -2 (x10), 1 (x30), 6 (x20).
    double[] spectrum = new double[60];
    for (int i = 0; i < 60; i++) {
      spectrum[i] = i < 10 ? -2 : i < 40 ? 1 : 6;
    }
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 8));
    SpectralDensity density =
        SpectralDensity.estimate(a, new DensitySettings(40, 20, 2, 4001, 0.01));

    // Three distinct eigenvalues: every probe's Lanczos run ends after 3 steps, nodes exact.
    for (SpectralDensity.Quadrature q : density.quadratures()) {
      assertThat(q.nodes()).containsExactly(new double[] {-2, 1, 6}, within(1e-9));
    }
    double[] expectedMass = {10 / 60.0, 30 / 60.0, 20 / 60.0};
    double[] eigenvalues = {-2, 1, 6};
    double total = 0;
    for (int k = 0; k < 3; k++) {
      double mass =
          integrate(
              density, eigenvalues[k] - 4 * density.sigma(), eigenvalues[k] + 4 * density.sigma());
      // Sampling error of 40 probes on weights of ~0.2-0.5: a few hundredths.
      assertThat(mass).as("mass at %s", eigenvalues[k]).isCloseTo(expectedMass[k], within(0.05));
      total += mass;
    }
    assertThat(total).isCloseTo(1, within(1e-4)); // nothing anywhere else
    assertThat(integrate(density, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
        .isCloseTo(1, within(1e-6));
  }

  @Test
  void theFirstMomentTimesTheDimensionIsHutchinsonsTraceProbeByProbe() {
    double[] spectrum = new double[80];
    for (int i = 0; i < spectrum.length; i++) {
      spectrum[i] = Math.cos(i) * 2 + 0.5;
    }
    double exact = java.util.Arrays.stream(spectrum).sum();
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 9));
    SpectralDensity density =
        SpectralDensity.estimate(a, new DensitySettings(30, 15, 4, 500, 0.02));
    // Same seed, same Rademacher draws: the same estimator.
    HutchinsonTrace hutchinson = HutchinsonTrace.estimate(a, 30, 4);
    for (int p = 0; p < 30; p++) {
      assertThat(80 * density.quadratures().get(p).moment(1))
          .isCloseTo(hutchinson.perProbe()[p], within(1e-9));
    }
    assertThat(density.trace().mean()).isCloseTo(hutchinson.interval().mean(), within(1e-9));
    assertThat(exact).isBetween(density.trace().lower(), density.trace().upper());
    // The curve's own first moment agrees too (Gaussian broadening keeps the mean).
    assertThat(80 * curveMean(density)).isCloseTo(density.trace().mean(), within(1e-3));
    assertThat(integrate(density, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
        .isCloseTo(1, within(1e-6));
    for (SpectralDensity.Quadrature q : density.quadratures()) {
      assertThat(java.util.Arrays.stream(q.weights()).sum()).isCloseTo(1, within(1e-12));
    }
  }

  @Test
  void onATinyMlpTheDensityIntegratesToOneAndItsTraceMatchesTheExplicitHessian() {
    MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
    LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 21);
    ParameterLayout layout = new ParameterLayout(net);
    double[] theta =
        layout.flatten(RandomDirectionsTest.withBiases(Initialization.HE.initialize(net, 19)));
    double[][] hessian = new DoubleMlp(net, data).hessian(theta, 1e-5);
    double exactTrace = JacobiEigen.trace(hessian);
    double[] eigenvalues = JacobiEigen.eigenvalues(hessian);
    try (DifferentiableLoss loss = new DifferentiableLoss(net, data, ExecutionSettings.cpu())) {
      SpectralDensity density =
          SpectralDensity.estimate(
              loss.hessianAt(theta), new DensitySettings(40, 12, 5, 2000, 0.01));
      assertThat(integrate(density, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
          .isCloseTo(1, within(1e-6));
      assertThat(exactTrace).isBetween(density.trace().lower(), density.trace().upper());
      // The extreme nodes lie inside the true spectrum and the outermost reach its ends.
      double largestNode =
          density.quadratures().stream()
              .mapToDouble(q -> q.nodes()[q.nodes().length - 1])
              .max()
              .orElseThrow();
      assertThat(largestNode).isLessThanOrEqualTo(eigenvalues[0] * (1 + 1e-5));
      assertThat(largestNode).isCloseTo(eigenvalues[0], within(1e-3 * eigenvalues[0]));
    }
  }

  /** Trapezoid integral of the density curve over [from, to] (clipped to the grid). */
  private static double integrate(SpectralDensity d, double from, double to) {
    double sum = 0;
    double[] x = d.grid();
    for (int g = 0; g + 1 < x.length; g++) {
      if (x[g] >= from && x[g + 1] <= to) {
        sum += (x[g + 1] - x[g]) * (d.density()[g] + d.density()[g + 1]) / 2;
      }
    }
    return sum;
  }

  private static double curveMean(SpectralDensity d) {
    double sum = 0;
    double[] x = d.grid();
    for (int g = 0; g + 1 < x.length; g++) {
      double mid = (x[g] + x[g + 1]) / 2;
      sum += mid * (x[g + 1] - x[g]) * (d.density()[g] + d.density()[g + 1]) / 2;
    }
    return sum;
  }
}
