package org.losslandscape.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.interpolation.InterpolationRange;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.models.training.TrainingBudget;

/** Which minima are joined: chosen by the recipes' hyperparameters, or named. */
class InterpolationSettingsTest {

  private static InterpolationSettings on(RecipePair... pairs) {
    return new InterpolationSettings(true, InterpolationRange.defaults(), List.of(pairs));
  }

  @Test
  void byDefaultSmallAgainstLargeBatchAtEachLearningRate() {
    assertThat(on().pairsFor(Recipes.defaults()))
        .containsExactly(
            new RecipePair("high_lr_small_batch", "high_lr_large_batch"),
            new RecipePair("low_lr_small_batch", "low_lr_large_batch"));
  }

  @Test
  void pairsFollowTheHyperparametersNotTheNames() {
    List<Recipe> recipes =
        List.of(
            new Recipe("b", 0.05, 512),
            new Recipe("a", 0.05, 16),
            new Recipe("c", 0.05, 128),
            new Recipe("lonely", 0.3, 64),
            new Recipe("d", 0.01, 256),
            new Recipe("e", 0.01, 256));
    // 0.05: smallest 16 (a) against largest 512 (b); 0.3 has one batch size; 0.01 has one too.
    assertThat(on().pairsFor(recipes)).containsExactly(new RecipePair("a", "b"));
  }

  @Test
  void recipesWithTheirOwnOptimizerArePairedAmongThemselves() {
    List<Recipe> catalog =
        Recipes.catalog(Recipes.defaults(), Optimizer.sam(0.05), Optimizer.sgd());
    List<Recipe> recipes =
        Recipes.select(
            catalog,
            List.of(
                "high_lr_small_batch",
                "sam_high_lr_small_batch",
                "high_lr_large_batch",
                "sam_high_lr_large_batch"));
    assertThat(on().pairsFor(recipes))
        .containsExactly(
            new RecipePair("high_lr_small_batch", "high_lr_large_batch"),
            new RecipePair("sam_high_lr_small_batch", "sam_high_lr_large_batch"));
  }

  @Test
  void namedPairsAreKeptAsGivenAndUnknownNamesRefused() {
    RecipePair pair = new RecipePair("low_lr_large_batch", "high_lr_small_batch");
    assertThat(on(pair).pairsFor(Recipes.defaults())).containsExactly(pair);
    assertThatThrownBy(
            () -> on(new RecipePair("x", "low_lr_large_batch")).pairsFor(Recipes.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("interpolation pair x:low_lr_large_batch names unknown recipe 'x'");
    assertThat(RecipePair.parse(" a : b ")).isEqualTo(new RecipePair("a", "b"));
    assertThatThrownBy(() -> RecipePair.parse("a:b:c"))
        .hasMessageStartingWith("an interpolation pair is written FROM:TO");
  }

  @Test
  void aStudyRefusesPairsNamingRecipesItDoesNotTrain() {
    StudySettings defaults = StudySettings.defaults();
    TrainingSettings one =
        new TrainingSettings(
            Recipes.select(Recipes.defaults(), List.of("high_lr_small_batch")),
            defaults.training().network(),
            defaults.training().initialization(),
            defaults.training().schedule(),
            defaults.training().optimizer(),
            0,
            defaults.training().budget(),
            42,
            1);
    assertThatThrownBy(
            () ->
                new StudySettings(
                    defaults.data(),
                    defaults.device(),
                    defaults.output(),
                    defaults.cache(),
                    one,
                    defaults.slice(),
                    defaults.measures(),
                    defaults.trajectory(),
                    on(new RecipePair("high_lr_small_batch", "low_lr_small_batch"))))
        .hasMessageContaining("names unknown recipe 'low_lr_small_batch'");
  }

  @Test
  void eachProtocolOfAMultiProtocolStudyKeepsBothFeatures() {
    StudySettings defaults = StudySettings.defaults();
    StudySettings on =
        new StudySettings(
            defaults.data(),
            defaults.device(),
            defaults.output(),
            defaults.cache(),
            defaults.training(),
            defaults.slice(),
            defaults.measures(),
            TrajectorySettings.on(7),
            on());
    StudySettings steps =
        on.forProtocol(new Protocol("steps", new TrainingBudget.Steps(Protocol.DEFAULT_STEPS)));
    assertThat(steps.trajectory()).isEqualTo(TrajectorySettings.on(7));
    assertThat(steps.interpolation()).isEqualTo(on());
    assertThat(steps.training().budget()).isEqualTo(new TrainingBudget.Steps(4000));
  }
}
