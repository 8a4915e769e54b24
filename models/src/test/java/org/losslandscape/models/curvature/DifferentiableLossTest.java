package org.losslandscape.models.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.RandomDirectionsTest;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.JacobiEigen;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;
import org.tensorflow.TensorFlow;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentiableLossTest {

  /** Two hidden layers, so the second differentiation passes through ReluGrad twice. */
  private final MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);

  private final LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 21);
  private final ParameterLayout layout = new ParameterLayout(net);
  private final double[] theta =
      layout.flatten(RandomDirectionsTest.withBiases(Initialization.HE.initialize(net, 19)));
  private final DoubleMlp reference = new DoubleMlp(net, data);
  private DifferentiableLoss loss;

  @BeforeAll
  void open() {
    loss = new DifferentiableLoss(net, data, ExecutionSettings.cpu());
  }

  @AfterAll
  void close() {
    loss.close();
  }

  @Test
  void theTestPointIsFarFromEveryReluKink() {
    // Finite differences below move pre-activations by < 1e-3; a kink closer than that would
    // make the references disagree with double backprop for a legitimate reason.
    assertThat(reference.distanceToKink(theta)).isGreaterThan(1e-2);
  }

  @Test
  void theAnalyticReferenceGradientMatchesFiniteDifferencesOfTheReferenceLoss() {
    double[] analytic = reference.gradient(theta);
    double[][] fd = ReferenceMlp.gradient(layout.unflatten(theta), data, 1e-3);
    int k = 0;
    for (double[] tensor : fd) {
      for (double v : tensor) {
        assertThat(analytic[k++]).isCloseTo(v, within(1e-4));
      }
    }
  }

  @Test
  void valueAndGradientMatchTheDoublePrecisionReference() {
    ValueAndGradient vg = loss.valueAndGradient(theta);
    double expected = reference.loss(theta);
    assertThat(vg.value()).isCloseTo(expected, within(1e-5 * expected));
    assertThat(loss.value(theta)).isEqualTo(vg.value());
    double[] g = reference.gradient(theta);
    for (int k = 0; k < g.length; k++) {
      assertThat(vg.gradient()[k]).as("gradient[%d]", k).isCloseTo(g[k], within(2e-6));
    }
  }

  @Test
  void hessianVectorProductsMatchTheExplicitHessianOfTheDoubleReference() {
    double[][] hessian = reference.hessian(theta, 1e-5);
    Random random = new Random(3);
    for (int trial = 0; trial < 3; trial++) {
      double[] v = gaussian(random, theta.length);
      double[] expected = JacobiEigen.times(hessian, v);
      double[] actual = loss.hessianVectorProduct(theta, v);
      double scale = norm(expected);
      assertThat(scale).isGreaterThan(0.1);
      for (int k = 0; k < v.length; k++) {
        assertThat(actual[k]).as("Hv[%d]", k).isCloseTo(expected[k], within(1e-5 * scale));
      }
    }
  }

  @Test
  void hessianVectorProductsMatchCentralDifferencesOfTheTensorFlowGradient() {
    double[] v = gaussian(new Random(4), theta.length);
    double[] unit = v.clone();
    double n = norm(v);
    for (int k = 0; k < unit.length; k++) {
      unit[k] /= n;
    }
    double h = 1e-3; // float gradients: smaller steps drown in rounding
    double[] up = loss.valueAndGradient(axpy(h, unit, theta)).gradient();
    double[] down = loss.valueAndGradient(axpy(-h, unit, theta)).gradient();
    double[] hv = loss.hessianVectorProduct(theta, unit);
    for (int k = 0; k < hv.length; k++) {
      double fd = (up[k] - down[k]) / (2 * h);
      assertThat(hv[k]).as("Hv[%d]", k).isCloseTo(fd, within(2e-3 * (1 + norm(hv))));
    }
  }

  @Test
  void resultsDoNotDependOnTheChunkSizeBeyondFloatRounding() {
    double[] v = gaussian(new Random(5), theta.length);
    try (DifferentiableLoss chunked =
        new DifferentiableLoss(net, data, ExecutionSettings.cpu(), 7)) {
      ValueAndGradient whole = loss.valueAndGradient(theta);
      ValueAndGradient parts = chunked.valueAndGradient(theta);
      assertThat(parts.value()).isCloseTo(whole.value(), within(1e-6 * whole.value()));
      assertThat(chunked.value(theta)).isCloseTo(whole.value(), within(1e-6 * whole.value()));
      double[] hvWhole = loss.hessianVectorProduct(theta, v);
      double[] hvParts = chunked.hessianVectorProduct(theta, v);
      for (int k = 0; k < v.length; k++) {
        assertThat(parts.gradient()[k]).isCloseTo(whole.gradient()[k], within(1e-6));
        assertThat(hvParts[k]).isCloseTo(hvWhole[k], within(1e-5 * (1 + Math.abs(hvWhole[k]))));
      }
    }
  }

  @Test
  void theHessianOperatorIsSymmetricAndLinear() {
    Random random = new Random(6);
    SymmetricOperator h = loss.hessianAt(theta);
    double[] u = gaussian(random, theta.length);
    double[] v = gaussian(random, theta.length);
    double[] hu = h.apply(u);
    double[] hv = h.apply(v);
    double uHv = dot(u, hv);
    assertThat(dot(v, hu)).isCloseTo(uHv, within(1e-5 * (1 + Math.abs(uHv))));
    double[] combined = h.apply(axpy(2.5, v, u)); // H(u + 2.5 v)
    for (int k = 0; k < u.length; k++) {
      assertThat(combined[k]).isCloseTo(hu[k] + 2.5 * hv[k], within(1e-5 * (1 + norm(hv))));
    }
    assertThat(h.dimension()).isEqualTo(layout.dimension());
  }

  @Test
  void registeringTheReluGradGradientIsIdempotentAndAnotherRegistrationIsRefused() {
    SecondOrderGradients.ensureRegistered();
    boolean first = SecondOrderGradients.ensureRegistered();
    assertThat(SecondOrderGradients.ensureRegistered()).isEqualTo(first);
    // The registry keeps the first gradient: a later one (e.g. a second class loader) is refused.
    assertThat(TensorFlow.registerCustomGradient("ReluGrad", (tf, op, upstream) -> List.of()))
        .isFalse();
    // And losses built after all this still differentiate twice.
    try (DifferentiableLoss again = new DifferentiableLoss(net, data, ExecutionSettings.cpu())) {
      double[] v = gaussian(new Random(7), theta.length);
      assertThat(again.hessianVectorProduct(theta, v))
          .containsExactly(loss.hessianVectorProduct(theta, v));
    }
  }

  @Test
  void rejectsVectorsOfTheWrongLengthAndDataOfTheWrongWidth() {
    assertThatThrownBy(() -> loss.value(new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has " + layout.dimension() + " entries, got 3");
    LabeledData wide = TinyProblems.gaussianBlobs(4, 6, 3, 1);
    assertThatThrownBy(() -> new DifferentiableLoss(net, wide, ExecutionSettings.cpu()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expects 5");
  }

  static double[] gaussian(Random random, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = random.nextGaussian();
    }
    return v;
  }

  /** {@code a * x + y} as a new vector. */
  static double[] axpy(double a, double[] x, double[] y) {
    double[] out = new double[y.length];
    for (int k = 0; k < y.length; k++) {
      out[k] = a * x[k] + y[k];
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * b[k];
    }
    return sum;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
