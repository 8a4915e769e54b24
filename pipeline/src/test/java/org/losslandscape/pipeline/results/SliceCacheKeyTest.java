package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.BatchNormMode;
import org.losslandscape.models.network.BuiltInNetworks;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayeredNetwork;

/**
 * A cached slice is reused only for the model it was taken of: the same weights with other
 * batch-norm statistics, or evaluated with batch norm in another mode, are other slices.
 */
class SliceCacheKeyTest {

  private static String key(Parameters p) {
    return SliceCache.key(
        p,
        new DirectionSpec(Normalization.FILTER, false, 1),
        new GridSpec(5, -1, 1),
        "train:abc",
        "cpu");
  }

  @Test
  void batchNormStatisticsAndModeAreInTheKey() {
    LayeredNetwork net =
        new LayeredNetwork("vgg", BuiltInNetworks.vgg(2, true, 10), InputShape.fashionMnist(), 10);
    Parameters p = Initialization.HE.initialize(net, 1);
    List<float[]> other = new java.util.ArrayList<>();
    for (float[] s : net.state()) {
      float[] copy = s.clone();
      copy[0] += 0.5f;
      other.add(copy);
    }
    Parameters otherStatistics = new Parameters(net.withState(other), p.tensors());
    Parameters batchMode =
        new Parameters(net.withBatchNormMode(BatchNormMode.BATCH, null), p.tensors());
    assertThat(key(p)).isEqualTo(key(Initialization.HE.initialize(net, 1)));
    assertThat(key(otherStatistics)).isNotEqualTo(key(p));
    assertThat(key(batchMode)).isNotEqualTo(key(p));
  }
}
