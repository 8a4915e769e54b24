package org.losslandscape.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecipesTest {

  private final List<Recipe> all = Recipes.grid(0.1, 0.01, 32, 1024);

  @Test
  void fourNamedRecipesInComparisonOrder() {
    assertThat(all)
        .extracting(Recipe::name)
        .containsExactly(
            "high_lr_small_batch",
            "high_lr_large_batch",
            "low_lr_small_batch",
            "low_lr_large_batch");
    assertThat(all.get(0).noiseScale()).isEqualTo(0.1 / 32);
    assertThat(all.get(3).learningRate()).isEqualTo(0.01);
    assertThat(all.get(3).batchSize()).isEqualTo(1024);
    assertThat(Recipes.defaults()).isEqualTo(all);
  }

  @Test
  void selectionKeepsTheCanonicalOrderAndRejectsUnknownNames() {
    assertThat(Recipes.select(all, List.of("low_lr_large_batch", "high_lr_small_batch")))
        .extracting(Recipe::name)
        .containsExactly("high_lr_small_batch", "low_lr_large_batch");
    assertThat(Recipes.select(all, List.of())).isEqualTo(all);
    assertThatThrownBy(() -> Recipes.select(all, List.of("fast")))
        .hasMessageContaining("unknown recipe 'fast'")
        .hasMessageContaining("high_lr_small_batch");
  }

  @Test
  void runIdsNameFoldersAndPrimaries() {
    RunId first = new RunId("high_lr_small_batch", 42, 0);
    RunId third = new RunId("high_lr_small_batch", 44, 2);
    assertThat(first.primary()).isTrue();
    assertThat(first.folder()).isEqualTo("high_lr_small_batch");
    assertThat(third.primary()).isFalse();
    assertThat(third.folder()).isEqualTo("high_lr_small_batch/seed-44");
    assertThat(third.label(true)).isEqualTo("high_lr_small_batch seed 44");
    assertThat(third.label(false)).isEqualTo("high_lr_small_batch");
  }
}
