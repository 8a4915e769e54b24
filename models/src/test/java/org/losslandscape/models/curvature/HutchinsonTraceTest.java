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

class HutchinsonTraceTest {

  @Test
  void aDiagonalOperatorGivesTheExactTraceOnEveryProbe() {
    // v^T D v = sum d_i v_i^2 = sum d_i for v_i = +-1: zero variance.
    double[][] d = new double[6][6];
    double[] diagonal = {3, -1, 0.5, 2, 7, -4};
    for (int i = 0; i < 6; i++) {
      d[i][i] = diagonal[i];
    }
    HutchinsonTrace trace = HutchinsonTrace.estimate(SymmetricOperator.ofMatrix(d), 5, 1);
    assertThat(trace.perProbe()).containsOnly(7.5);
    assertThat(trace.interval().lower()).isEqualTo(7.5);
    assertThat(trace.probes()).isEqualTo(5);
  }

  @Test
  void theIntervalCoversTheTraceOfADenseOperatorAndNarrowsWithMoreProbes() {
    double[] spectrum = new double[50];
    for (int i = 0; i < spectrum.length; i++) {
      spectrum[i] = Math.sin(i) * 3 + 1;
    }
    double exact = java.util.Arrays.stream(spectrum).sum();
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 7));
    HutchinsonTrace few = HutchinsonTrace.estimate(a, 20, 3);
    HutchinsonTrace many = HutchinsonTrace.estimate(a, 400, 3);
    assertThat(exact).isBetween(few.interval().lower(), few.interval().upper());
    assertThat(exact).isBetween(many.interval().lower(), many.interval().upper());
    assertThat(many.interval().halfWidth()).isLessThan(few.interval().halfWidth() / 3);
  }

  @Test
  void onATinyMlpTheIntervalCoversTheExplicitHessiansTrace() {
    MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
    LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 21);
    ParameterLayout layout = new ParameterLayout(net);
    double[] theta =
        layout.flatten(RandomDirectionsTest.withBiases(Initialization.HE.initialize(net, 19)));
    double exact = JacobiEigen.trace(new DoubleMlp(net, data).hessian(theta, 1e-5));
    try (DifferentiableLoss loss = new DifferentiableLoss(net, data, ExecutionSettings.cpu())) {
      HutchinsonTrace trace = HutchinsonTrace.estimate(loss.hessianAt(theta), 100, 11);
      assertThat(exact).isBetween(trace.interval().lower(), trace.interval().upper());
      // Informative, not vacuous: the interval is a fraction of the value.
      assertThat(trace.interval().halfWidth()).isLessThan(0.4 * Math.abs(exact)); // 0.32 seen
      assertThat(trace.interval().mean()).isCloseTo(exact, within(0.4 * Math.abs(exact)));
    }
  }
}
