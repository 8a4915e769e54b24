package org.losslandscape.models.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;

/**
 * Dinh et al. 2017: scaling a hidden layer's weights and bias by a > 0 and the next layer's weights
 * by 1/a leaves the function unchanged. A filter-normalized slice must not see the difference; a
 * raw slice does.
 */
class ReluRescalingInvarianceTest {

  private final MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
  private final LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 4);

  @Property(tries = 25)
  void filterNormalizedSliceIsInvariantToReluRescaling(
      @ForAll @DoubleRange(min = 0.05, max = 20) double a,
      @ForAll @IntRange(min = 0, max = 1) int layer,
      @ForAll @DoubleRange(min = -1, max = 1) double alpha,
      @ForAll @DoubleRange(min = -1, max = 1) double beta,
      @ForAll boolean includeBias) {
    Parameters theta =
        org.losslandscape.models.directions.RandomDirectionsTest.withBiases(
            Initialization.HE.initialize(net, 11));
    Parameters rescaled = rescale(theta, layer, a);
    DirectionSpec spec = new DirectionSpec(Normalization.FILTER, includeBias, 3);
    DirectionPair d = RandomDirections.draw(theta, spec);
    DirectionPair dr = RandomDirections.draw(rescaled, spec);

    double original = ReferenceMlp.loss(theta.plus(alpha, d.d1()).plus(beta, d.d2()), data);
    double afterRescaling =
        ReferenceMlp.loss(rescaled.plus(alpha, dr.d1()).plus(beta, dr.d2()), data);
    assertThat(afterRescaling).isCloseTo(original, within(1e-4 * (1 + original)));
  }

  @Property(tries = 10)
  void rawSliceChangesUnderReluRescaling(@ForAll @DoubleRange(min = 4, max = 20) double a) {
    Parameters theta = Initialization.HE.initialize(net, 11);
    Parameters rescaled = rescale(theta, 0, a);
    assertThat(ReferenceMlp.loss(rescaled, data))
        .isCloseTo(ReferenceMlp.loss(theta, data), within(1e-5));
    DirectionSpec spec = new DirectionSpec(Normalization.NONE, false, 3);
    DirectionPair d = RandomDirections.draw(theta, spec);
    double original = ReferenceMlp.loss(theta.plus(1, d.d1()), data);
    double afterRescaling = ReferenceMlp.loss(rescaled.plus(1, d.d1()), data);
    assertThat(Math.abs(afterRescaling - original)).isGreaterThan(1e-3);
  }

  private static Parameters rescale(Parameters p, int layer, double a) {
    List<Parameter> out = new java.util.ArrayList<>(p.tensors());
    out.set(2 * layer, scaled(p.kernel(layer), a));
    out.set(2 * layer + 1, scaled(p.bias(layer), a));
    out.set(2 * layer + 2, scaled(p.kernel(layer + 1), 1 / a));
    return new Parameters(p.architecture(), out);
  }

  private static Parameter scaled(Parameter p, double s) {
    float[] v = p.values().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * s);
    }
    return p.withValues(v);
  }
}
