package org.losslandscape.models.directions;

import static org.assertj.core.api.Assertions.assertThat;
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
        if (dt.isMatrix()) {
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
   * {@code p} with standard-normal biases scaled by 0.2 (He initialization leaves them at zero).
   */
  public static Parameters withBiases(Parameters p) {
    Parameters d = Parameters.zeros(p.architecture());
    java.util.Random random = new java.util.Random(5);
    for (Parameter t : d.tensors()) {
      if (!t.isMatrix()) {
        for (int i = 0; i < t.size(); i++) {
          t.values()[i] = (float) random.nextGaussian();
        }
      }
    }
    return p.plus(0.2, d);
  }
}
