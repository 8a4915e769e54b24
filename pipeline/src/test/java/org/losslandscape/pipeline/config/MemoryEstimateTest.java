package org.losslandscape.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.MlpArchitecture;

/** The estimate names the part that does not fit, and the default study fits a modest heap. */
class MemoryEstimateTest {

  private static final long GB = 1_000_000_000L;

  private static StudySettings withGrid(int n, int pairs) {
    StudySettings d = StudySettings.defaults();
    SliceSettings s = d.slice();
    return new StudySettings(
        d.data(),
        d.device(),
        d.output(),
        d.cache(),
        d.training(),
        new SliceSettings(
            new GridSpec(n, -1, 1),
            s.normalization(),
            s.biasRule(),
            s.samples(),
            s.split(),
            s.directionSeed(),
            pairs,
            s.radii(),
            s.slicedSeeds()),
        d.measures());
  }

  @Test
  void theDefaultStudyFitsOneGigabyte() {
    MemoryEstimate e = MemoryEstimate.forStudy(StudySettings.defaults());
    // 4 sliced runs (the first seed of each recipe) x 3 pairs of 31 x 31 doubles is tiny next to
    // the data set.
    assertThat(e.sliceBytes()).isLessThan(1e6);
    assertThat(e.totalBytes()).isLessThan(0.8 * GB);
    e.requireFits(GB);
  }

  @Test
  void eachPartThatDoesNotFitIsNamed() {
    // 100,001^2 points x (13 kept slices x 16 B + 120 B while one is made) = 3.3 TB.
    assertThatThrownBy(() -> MemoryEstimate.forStudy(withGrid(100_001, 3)).requireFits(6 * GB))
        .hasMessageStartingWith("the slices need about 3.3 TB of memory (4 run(s) x 3 direction");
    assertThatThrownBy(
            () ->
                MemoryEstimate.forSlicing(
                        SliceSettings.defaults(),
                        new MlpArchitecture(784, List.of(100_000, 100_000), 10))
                    .requireFits(6 * GB))
        .hasMessageStartingWith("the network needs about");
    assertThatThrownBy(() -> MemoryEstimate.forStudy(StudySettings.defaults()).requireFits(GB / 4))
        .hasMessageStartingWith("the data set and the tool need about 600.0 MB");
  }

  @Test
  void sizesAreWrittenWithUnits() {
    assertThat(MemoryEstimate.bytes(512)).isEqualTo("512 B");
    assertThat(MemoryEstimate.bytes(6.3e9)).isEqualTo("6.3 GB");
    assertThat(MemoryEstimate.bytes(2.1e12)).isEqualTo("2.1 TB");
  }
}
