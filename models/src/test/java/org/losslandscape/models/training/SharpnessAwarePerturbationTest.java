package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The ascent step's graph ops against the plain-Java formula, and the ball they reach. */
class SharpnessAwarePerturbationTest {

  private static final MlpArchitecture NET = new MlpArchitecture(3, List.of(4), 2);

  @Provide
  Arbitrary<Optimizer> sharpnessAware() {
    Arbitrary<Double> rho = Arbitraries.doubles().between(0.01, 2.0);
    Arbitrary<Double> eta = Arbitraries.doubles().between(0.0, 0.5);
    return Arbitraries.oneOf(
        rho.map(Optimizer::sam), Combinators.combine(rho, eta).as(Optimizer::asam));
  }

  @Property(tries = 40)
  void matchesTheReferenceAndLiesOnTheBoundaryOfItsBall(
      @ForAll("sharpnessAware") Optimizer optimizer, @ForAll long seed) {
    Random random = new Random(seed);
    Parameters w = gaussian(random, 1.0);
    double[][] g = values(gaussian(random, 0.3));

    double[][] e = perturbation(optimizer, w, g);
    double[][] expected = SharpnessAwareTrainingTest.referencePerturbation(optimizer, w, g);
    double adaptiveNorm = 0;
    for (int i = 0; i < e.length; i++) {
      Parameter p = w.tensors().get(i);
      for (int k = 0; k < e[i].length; k++) {
        assertThat(e[i][k]).isCloseTo(expected[i][k], within(2e-6 * optimizer.rho()));
        double t =
            optimizer.kind() == Optimizer.Kind.ASAM && p.isKernel()
                ? Math.abs(p.values()[k]) + optimizer.eta()
                : 1;
        adaptiveNorm += (e[i][k] / t) * (e[i][k] / t);
      }
    }
    // ||e|| = rho for SAM, ||T^-1 e|| = rho for ASAM: the maximizer of the linearized loss lies on
    // the boundary of the ball.
    assertThat(Math.sqrt(adaptiveNorm)).isCloseTo(optimizer.rho(), within(1e-5 * optimizer.rho()));
  }

  @Test
  void aZeroGradientDoesNotPerturbTheWeights() {
    Parameters w = gaussian(new Random(3), 1.0);
    double[][] zero = values(Parameters.zeros(NET));
    for (Optimizer optimizer : List.of(Optimizer.sam(0.05), Optimizer.asam(0.5, 0.01))) {
      for (double[] tensor : perturbation(optimizer, w, zero)) {
        assertThat(tensor).containsOnly(0.0);
      }
    }
  }

  /** Runs {@link SharpnessAwarePerturbation} on constants {@code w} and {@code g}. */
  private static double[][] perturbation(Optimizer optimizer, Parameters w, double[][] g) {
    try (Graph graph = new Graph()) {
      Ops tf = ExecutionSettings.cpu().ops(graph);
      List<Operand<TFloat32>> weights = new ArrayList<>();
      List<Operand<TFloat32>> gradients = new ArrayList<>();
      for (int i = 0; i < g.length; i++) {
        Parameter p = w.tensors().get(i);
        float[] gi = new float[g[i].length];
        for (int k = 0; k < gi.length; k++) {
          gi[k] = (float) g[i][k];
        }
        weights.add(constant(tf, p.values(), p.shape()));
        gradients.add(constant(tf, gi, p.shape()));
      }
      List<Operand<TFloat32>> e =
          SharpnessAwarePerturbation.perturbation(tf, optimizer, weights, gradients, w.tensors());
      try (Session session = ExecutionSettings.cpu().openSession(graph)) {
        Session.Runner runner = session.runner();
        e.forEach(runner::fetch);
        try (Result result = runner.run()) {
          double[][] out = new double[e.size()][];
          for (int i = 0; i < e.size(); i++) {
            float[] values = Tensors.toArray((TFloat32) result.get(i));
            out[i] = new double[values.length];
            for (int k = 0; k < values.length; k++) {
              out[i][k] = values[k];
            }
          }
          return out;
        }
      }
    }
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values, int[] shape) {
    return tf.constant(
        org.tensorflow.ndarray.Shape.of(Tensors.shape(shape)),
        org.tensorflow.ndarray.buffer.DataBuffers.of(values, true, false));
  }

  private static Parameters gaussian(Random random, double scale) {
    List<Parameter> tensors = new ArrayList<>();
    for (Parameter p : Parameters.zeros(NET).tensors()) {
      float[] values = new float[p.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = (float) (scale * random.nextGaussian());
      }
      tensors.add(p.withValues(values));
    }
    return new Parameters(NET, tensors);
  }

  /** The float values of {@code p} as double arrays, one per tensor. */
  private static double[][] values(Parameters p) {
    double[][] out = new double[p.tensors().size()][];
    for (int i = 0; i < out.length; i++) {
      float[] v = p.tensors().get(i).values();
      out[i] = new double[v.length];
      for (int k = 0; k < v.length; k++) {
        out[i][k] = v[k];
      }
    }
    return out;
  }
}
