package org.losslandscape.models.directions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;

public class RandomDirectionsTest {

  private final MlpArchitecture net = new MlpArchitecture(6, List.of(5, 4), 3);
  private final Parameters theta = withBiases(Initialization.HE.initialize(net, 1));

  @Test
  void filterNormalizationGivesEveryColumnTheNormOfTheMatchingWeightColumn() {
    DirectionPair pair =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 9));
    for (Parameters d : List.of(pair.d1(), pair.d2())) {
      for (int t = 0; t < d.tensors().size(); t++) {
        Parameter dt = d.tensors().get(t);
        Parameter wt = theta.tensors().get(t);
        if (dt.isKernel()) {
          int rows = dt.shape()[0];
          int cols = dt.shape()[1];
          for (int j = 0; j < cols; j++) {
            assertThat(columnNorm(dt, j))
                .as("%s column %d", dt.name(), j)
                .isCloseTo(columnNorm(wt, j), within(1e-5 * (1 + columnNorm(wt, j))));
          }
          // Rows must NOT generally match: the layout is [in, out], neurons are columns.
          assertThat(rows).isNotEqualTo(cols);
        } else {
          assertThat(dt.values()).containsOnly(0f);
        }
      }
    }
  }

  @Test
  void eachNormalizedColumnIsTheRawColumnScaledToTheWeightColumnsNorm() {
    DirectionPair raw =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.NONE, true, 9));
    DirectionPair filtered =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 9));
    assertThat(filtered.d1()).isNotEqualTo(filtered.d2());
    for (int layer = 0; layer < net.layerCount(); layer++) {
      Parameter r = raw.d1().kernel(layer);
      Parameter f = filtered.d1().kernel(layer);
      Parameter w = theta.kernel(layer);
      int rows = r.shape()[0];
      int cols = r.shape()[1];
      for (int j = 0; j < cols; j++) {
        double scale = columnNorm(w, j) / columnNorm(r, j);
        for (int i = 0; i < rows; i++) {
          assertThat((double) f.values()[i * cols + j])
              .isCloseTo(r.values()[i * cols + j] * scale, within(1e-6 * (1 + Math.abs(scale))));
        }
      }
    }
  }

  @Test
  void layerNormalizationWithoutBiasZeroesBiasesAndScalesTheRawDraw() {
    DirectionPair raw =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.NONE, true, 9));
    DirectionPair layer =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.LAYER, false, 9));
    for (int l = 0; l < net.layerCount(); l++) {
      assertThat(layer.d1().bias(l).values()).containsOnly(0f);
      double scale = theta.kernel(l).norm() / raw.d1().kernel(l).norm();
      float[] expected = raw.d1().kernel(l).values();
      for (int k = 0; k < expected.length; k++) {
        assertThat((double) layer.d1().kernel(l).values()[k])
            .isCloseTo(expected[k] * scale, within(1e-6));
      }
    }
  }

  @Test
  void layerNormalizationMatchesWholeTensorNorms() {
    DirectionPair pair =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.LAYER, true, 9));
    for (int t = 0; t < theta.tensors().size(); t++) {
      assertThat(pair.d1().tensors().get(t).norm())
          .isCloseTo(theta.tensors().get(t).norm(), within(1e-5));
    }
  }

  @Test
  void includeBiasNormalizesBiasVectorsAsAWhole() {
    DirectionPair pair =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, true, 9));
    for (int layer = 0; layer < net.layerCount(); layer++) {
      assertThat(pair.d1().bias(layer).norm()).isCloseTo(theta.bias(layer).norm(), within(1e-5));
      assertThat(pair.d1().bias(layer).norm()).isGreaterThan(0);
    }
  }

  @Test
  void rawModeKeepsTheGaussianDrawUntouchedAndTheSameSeedGivesTheSameDrawForAnyWeights() {
    DirectionSpec raw = new DirectionSpec(Normalization.NONE, true, 4);
    Parameters other = Initialization.GLOROT.initialize(net, 99);
    DirectionPair a = RandomDirections.draw(theta, raw);
    DirectionPair b = RandomDirections.draw(other, raw);
    assertThat(a.d1()).isEqualTo(b.d1());
    assertThat(a.d2()).isEqualTo(b.d2());
    java.util.Random reference = new java.util.Random(4);
    float first = (float) reference.nextGaussian();
    assertThat(a.d1().tensors().get(0).values()[0]).isEqualTo(first);
    assertThat(a.d1()).isNotEqualTo(a.d2());
  }

  @Test
  void elementNormalizationScalesEveryWeightByItsOwnMagnitude() {
    DirectionPair raw =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.NONE, BiasRule.GAUSSIAN, 9));
    for (BiasRule rule : BiasRule.values()) {
      DirectionPair element =
          RandomDirections.draw(theta, new DirectionSpec(Normalization.ELEMENT, rule, 9));
      for (int t = 0; t < theta.tensors().size(); t++) {
        float[] w = theta.tensors().get(t).values();
        float[] z = raw.d2().tensors().get(t).values();
        float[] d = element.d2().tensors().get(t).values();
        for (int k = 0; k < w.length; k++) {
          float expected =
              theta.tensors().get(t).isKernel() || rule == BiasRule.GAUSSIAN
                  ? z[k] * Math.abs(w[k])
                  : rule == BiasRule.LI ? w[k] : 0f;
          assertThat(d[k])
              .as("%s %s[%d]", rule, theta.tensors().get(t).name(), k)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void theLiBiasRuleMakesTheBiasDirectionTheBiasItselfUnderEveryNormalization() {
    for (Normalization normalization : Normalization.values()) {
      DirectionPair pair =
          RandomDirections.draw(theta, new DirectionSpec(normalization, BiasRule.LI, 9));
      DirectionPair zero =
          RandomDirections.draw(theta, new DirectionSpec(normalization, BiasRule.ZERO, 9));
      for (int layer = 0; layer < net.layerCount(); layer++) {
        assertThat(pair.d1().bias(layer).values()).containsExactly(theta.bias(layer).values());
        assertThat(pair.d2().bias(layer).values()).containsExactly(theta.bias(layer).values());
        // The weights do not depend on the bias rule.
        assertThat(pair.d1().kernel(layer)).isEqualTo(zero.d1().kernel(layer));
      }
    }
  }

  @Test
  void theBooleanConstructorMapsToTheTwoOriginalRules() {
    assertThat(new DirectionSpec(Normalization.FILTER, false, 1).biasRule())
        .isEqualTo(BiasRule.ZERO);
    assertThat(new DirectionSpec(Normalization.FILTER, true, 1).biasRule())
        .isEqualTo(BiasRule.GAUSSIAN);
    assertThat(BiasRule.parse(" Li ")).isEqualTo(BiasRule.LI);
    assertThat(Normalization.parse("element")).isEqualTo(Normalization.ELEMENT);
    assertThatThrownBy(() -> BiasRule.parse("bias"))
        .hasMessage("unknown bias rule 'bias' (use zero, gaussian or li)");
  }

  /**
   * Regression guard: the default net's draws are bit-identical to those of the code before bias
   * rules and element normalization existed. The hashes were recorded from that code (commit
   * a0fc779), where a separate comparison of 48 draws (3 normalizations x 2 bias settings x 4 seeds
   * x 2 nets) found every float equal.
   */
  @Test
  void theDefaultNetsDrawsAreBitIdenticalToTheRecordedOnes() {
    MlpArchitecture big = MlpArchitecture.fashionMnistDefault();
    Parameters weights = withBiases(Initialization.HE.initialize(big, 3));
    Object[][] recorded = {
      {Normalization.FILTER, false, 168265849, -1796951359},
      {Normalization.FILTER, true, 168265849, -1841215275},
      {Normalization.LAYER, false, 1994703831, -1796951359},
      {Normalization.LAYER, true, 1994703831, -1841215275},
      {Normalization.NONE, false, -698928514, -1796951359},
      {Normalization.NONE, true, -698928514, 28568501},
    };
    for (Object[] row : recorded) {
      DirectionPair pair =
          RandomDirections.draw(
              weights, new DirectionSpec((Normalization) row[0], (boolean) row[1], 0));
      assertThat(java.util.Arrays.hashCode(pair.d1().tensors().get(0).values()))
          .as("%s %s d1 kernel 0", row[0], row[1])
          .isEqualTo(row[2]);
      assertThat(java.util.Arrays.hashCode(pair.d2().tensors().get(5).values()))
          .as("%s %s d2 bias 2", row[0], row[1])
          .isEqualTo(row[3]);
    }
  }

  private static double columnNorm(Parameter p, int column) {
    int cols = p.shape()[1];
    double sum = 0;
    for (int i = 0; i < p.shape()[0]; i++) {
      double v = p.values()[i * cols + column];
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  /**
   * Biases and batch norm's scales and shifts each follow their own rule: by default the same one
   * (Li et al.'s ignore=biasbn), or apart.
   */
  @Test
  void batchNormParametersFollowTheirOwnRule() {
    var network =
        new org.losslandscape.models.network.LayeredNetwork(
            "bn",
            new org.losslandscape.models.network.NetworkSpec(
                List.of(
                    new org.losslandscape.models.network.LayerSpec.Flatten(null),
                    new org.losslandscape.models.network.LayerSpec.Dense(4),
                    new org.losslandscape.models.network.LayerSpec.BatchNorm(),
                    new org.losslandscape.models.network.LayerSpec.Dense(3))),
            new org.losslandscape.models.network.InputShape(1, 1, 6),
            3);
    // dense0.kernel, dense0.bias, bn0.gamma, bn0.beta, dense1.kernel, dense1.bias
    Parameters w = withBiases(Initialization.HE.initialize(network, 1));
    DirectionPair same =
        RandomDirections.draw(w, new DirectionSpec(Normalization.FILTER, BiasRule.LI, 3));
    assertThat(same.d1().tensors().get(1).values()).containsExactly(w.tensors().get(1).values());
    assertThat(same.d1().tensors().get(2).values()).containsExactly(w.tensors().get(2).values());

    DirectionPair apart =
        RandomDirections.draw(
            w, new DirectionSpec(Normalization.FILTER, BiasRule.ZERO, BiasRule.LI, 3));
    assertThat(apart.d1().tensors().get(1).values()).containsOnly(0f); // a bias: zero
    assertThat(apart.d1().tensors().get(5).values()).containsOnly(0f);
    assertThat(apart.d1().tensors().get(2).values()) // gamma: d = gamma
        .containsExactly(w.tensors().get(2).values());
    assertThat(apart.d1().tensors().get(3).values()).containsExactly(w.tensors().get(3).values());
    // Kernels do not depend on either rule.
    assertThat(apart.d1().tensors().get(0).values())
        .containsExactly(same.d1().tensors().get(0).values());

    DirectionPair bnFixed =
        RandomDirections.draw(
            w, new DirectionSpec(Normalization.FILTER, BiasRule.GAUSSIAN, BiasRule.ZERO, 3));
    assertThat(bnFixed.d1().tensors().get(2).values()).containsOnly(0f);
    assertThat(bnFixed.d1().tensors().get(1).values()).isNotEqualTo(new float[4]);
  }

  /**
   * {@code p} with standard-normal biases scaled by 0.2 (He initialization leaves them at zero).
   */
  public static Parameters withBiases(Parameters p) {
    Parameters d = Parameters.zeros(p.architecture());
    java.util.Random random = new java.util.Random(5);
    for (Parameter t : d.tensors()) {
      if (!t.isKernel()) {
        for (int i = 0; i < t.size(); i++) {
          t.values()[i] = (float) random.nextGaussian();
        }
      }
    }
    return p.plus(0.2, d);
  }
}
