package org.losslandscape.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class SweepGridTest {

  @Test
  void recipesAreNamedAfterTheirValuesLearningRateByLearningRate() {
    assertThat(new SweepGrid(List.of(0.1, 0.03), List.of(32, 1024)).recipes())
        .containsExactly(
            new Recipe("lr0.1_b32", 0.1, 32),
            new Recipe("lr0.1_b1024", 0.1, 1024),
            new Recipe("lr0.03_b32", 0.03, 32),
            new Recipe("lr0.03_b1024", 0.03, 1024));
  }

  @Test
  void namesUsePlainDecimals() {
    assertThat(SweepGrid.recipeName(1e-4, 8)).isEqualTo("lr0.0001_b8");
    assertThat(SweepGrid.recipeName(1.0, 8)).isEqualTo("lr1_b8");
    assertThat(SweepGrid.recipeName(0.25, 8)).isEqualTo("lr0.25_b8");
  }

  @Test
  void impossibleGridsAreRefusedInDomainWords() {
    assertThatThrownBy(() -> new SweepGrid(List.of(), List.of(32)))
        .hasMessage("a sweep needs at least one learning rate");
    assertThatThrownBy(() -> new SweepGrid(List.of(0.1), List.of()))
        .hasMessage("a sweep needs at least one batch size");
    assertThatThrownBy(() -> new SweepGrid(List.of(0.1, -1.0), List.of(32)))
        .hasMessage("sweep learning rates must be positive numbers, got -1.0");
    assertThatThrownBy(() -> new SweepGrid(List.of(0.1), List.of(0)))
        .hasMessage("sweep batch sizes must be >= 1, got 0");
    assertThatThrownBy(() -> new SweepGrid(List.of(0.1, 0.1), List.of(32)))
        .hasMessageStartingWith("sweep learning rates must differ");
    assertThatThrownBy(() -> new SweepGrid(List.of(0.1), List.of(32, 32)))
        .hasMessageStartingWith("sweep batch sizes must differ");
  }

  /** Every (lr, batch) pair is one recipe with a name of its own and the pair's values. */
  @Property(tries = 200)
  void oneUniquelyNamedRecipePerPair(
      @ForAll @Size(min = 1, max = 5) @UniqueElements
          List<@DoubleRange(min = 1e-6, max = 10) @Scale(8) Double> lrs,
      @ForAll @Size(min = 1, max = 5) @UniqueElements
          List<@IntRange(min = 1, max = 100_000) Integer> batches) {
    List<Recipe> recipes = new SweepGrid(lrs, batches).recipes();
    assertThat(recipes).hasSize(lrs.size() * batches.size());
    assertThat(new HashSet<>(recipes.stream().map(Recipe::name).toList())).hasSize(recipes.size());
    for (int i = 0; i < lrs.size(); i++) {
      for (int j = 0; j < batches.size(); j++) {
        Recipe r = recipes.get(i * batches.size() + j);
        assertThat(r.learningRate()).isEqualTo(lrs.get(i));
        assertThat(r.batchSize()).isEqualTo(batches.get(j));
      }
    }
  }

  @Test
  void furtherAxesMakeAFullFactorialNamedByTheirValues() {
    SweepGrid grid =
        new SweepGrid(
            List.of(0.1),
            List.of(32, 256),
            List.of(64),
            List.of(1, 3),
            List.of(0.0, 5e-4),
            List.of(),
            List.of(0.9),
            List.of("sgd", "sam"),
            List.of(5000));
    List<Recipe> recipes = grid.recipes(List.of(128, 64));
    assertThat(recipes).hasSize(2 * 2 * 2 * 2);
    Recipe r = recipes.get(0);
    assertThat(r.name()).isEqualTo("lr0.1_b32_w64_d1_wd0_m0.9_sgd_n5000");
    assertThat(r.variation().hidden()).contains(List.of(64));
    assertThat(r.variation().trainSize()).contains(5000);
    assertThat(recipes.get(recipes.size() - 1).name())
        .isEqualTo("lr0.1_b256_w64_d3_wd0.0005_m0.9_sam_n5000");
    assertThat(recipes.get(recipes.size() - 1).variation().hidden()).contains(List.of(64, 64, 64));
    // Depth alone varies: the study's first width at every layer.
    assertThat(
            new SweepGrid(
                    List.of(0.1),
                    List.of(32),
                    List.of(),
                    List.of(2),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of())
                .recipes(List.of(128, 64))
                .get(0)
                .variation()
                .hidden())
        .contains(List.of(128, 128));
    assertThatThrownBy(
            () ->
                new SweepGrid(
                    List.of(0.1),
                    List.of(32),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(1.0),
                    List.of(),
                    List.of(),
                    List.of()))
        .hasMessageStartingWith("sweep dropout rates must be in [0, 1)");
    assertThatThrownBy(
            () ->
                new SweepGrid(
                    List.of(0.1),
                    List.of(32),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of("adam"),
                    List.of()))
        .hasMessageContaining("adam");
  }
}
