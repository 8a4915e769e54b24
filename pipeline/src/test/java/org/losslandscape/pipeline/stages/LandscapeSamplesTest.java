package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.pipeline.config.DataSplit;

class LandscapeSamplesTest {

  private final LabeledData data = new LabeledData(new float[1000 * 2], new int[1000], 2);

  @Test
  void aSeededSubsetIsRepeatableSortedAndWithoutRepeats() {
    LandscapeSamples a = LandscapeSamples.draw(DataSplit.TRAIN, data, 100, 7);
    LandscapeSamples b = LandscapeSamples.draw(DataSplit.TRAIN, data, 100, 7);
    assertThat(a.indices())
        .containsExactly(b.indices())
        .hasSize(100)
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(a.indices())
        .isNotEqualTo(LandscapeSamples.draw(DataSplit.TRAIN, data, 100, 8).indices());
    assertThat(a.data().count()).isEqualTo(100);
  }

  @Test
  void askingForMoreThanTheSplitHoldsTakesAllOfIt() {
    LandscapeSamples all = LandscapeSamples.draw(DataSplit.TEST, data, 5000, 1);
    assertThat(all.indices()).hasSize(1000);
    assertThat(all.indices()[999]).isEqualTo(999);
    assertThat(all.clamped()).isTrue();
    assertThat(all.requested()).isEqualTo(5000);
    assertThat(LandscapeSamples.draw(DataSplit.TEST, data, 10, 1).clamped()).isFalse();
  }
}
