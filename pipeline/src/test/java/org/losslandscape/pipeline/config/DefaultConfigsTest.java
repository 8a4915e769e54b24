package org.losslandscape.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultConfigsTest {

  private final List<RunConfig> all = DefaultConfigs.all(0.1, 0.01, 32, 1024);

  @Test
  void fourNamedRecipesInComparisonOrder() {
    assertThat(all)
        .extracting(RunConfig::name)
        .containsExactly(
            "high_lr_small_batch",
            "high_lr_large_batch",
            "low_lr_small_batch",
            "low_lr_large_batch");
    assertThat(all.get(0).noiseScale()).isEqualTo(0.1 / 32);
    assertThat(all.get(3).learningRate()).isEqualTo(0.01);
    assertThat(all.get(3).batchSize()).isEqualTo(1024);
  }

  @Test
  void selectionKeepsTheCanonicalOrderAndRejectsUnknownNames() {
    assertThat(DefaultConfigs.select(all, List.of("low_lr_large_batch", "high_lr_small_batch")))
        .extracting(RunConfig::name)
        .containsExactly("high_lr_small_batch", "low_lr_large_batch");
    assertThat(DefaultConfigs.select(all, List.of())).isEqualTo(all);
    assertThatThrownBy(() -> DefaultConfigs.select(all, List.of("fast")))
        .hasMessageContaining("unknown config 'fast'")
        .hasMessageContaining("high_lr_small_batch");
  }
}
