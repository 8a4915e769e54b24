package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;

/**
 * {@link StudyResults} joins models, slices and measures by run: the tiny study's two sliced
 * recipes, plus a third recipe whose only run diverged.
 */
class StudyResultsTest {

  private static StudyResults withADivergedRecipe() {
    TinyStages.Study study = TinyStages.study();
    Recipe extra = new Recipe("low_lr_small_batch", 0.01, 32);
    TrainingResult t = study.models().get(0).training();
    TrainingResult diverged =
        new TrainingResult(
            t.config(), t.parameters(), TrainingStatus.DIVERGED, 2, 0.0, List.of(), 0.1, "NaN");
    List<TrainedModel> models = new ArrayList<>(study.models());
    models.add(
        new TrainedModel(new RunId(extra.name(), 42, 0), extra, diverged, null, null, false, 32));
    List<Recipe> recipes = new ArrayList<>(study.settings().training().recipes());
    recipes.add(extra);
    return new StudyResults(
        study.data(),
        recipes,
        models,
        study.landscapes(),
        study.samples(),
        Optional.empty(),
        List.of());
  }

  @Test
  void aggregatesHoldTheSlicedRecipesInStudyOrderAndADivergedRunIsFlagged() {
    StudyResults results = withADivergedRecipe();

    assertThat(results.anyDiverged()).isTrue();
    assertThat(results.aggregates())
        .extracting(a -> a.recipe().name())
        .containsExactlyElementsOf(TinyStages.RECIPES);
    RecipeAggregate first = results.aggregates().get(0);
    assertThat(first.primary()).isSameAs(TinyStages.study().landscapes().get(0));
    assertThat(first.testAccuracy().mean())
        .isEqualTo(TinyStages.study().models().get(0).test().accuracy());
    assertThat(TinyStages.study().results().anyDiverged()).isFalse();
  }

  @Test
  void aRunsSlicesAndMeasuresAreFoundByItsIdentity() {
    StudyResults results = withADivergedRecipe();
    TinyStages.Study study = TinyStages.study();

    for (int m = 0; m < 2; m++) {
      assertThat(results.landscapeOf(study.models().get(m).run()))
          .containsSame(study.landscapes().get(m));
    }
    assertThat(results.landscapeOf(new RunId("low_lr_small_batch", 42, 0))).isEmpty();
    assertThat(results.landscapeOf(new RunId("high_lr_small_batch", 43, 1))).isEmpty();
    assertThat(results.measuresOf(study.models().get(0).run())).isEmpty();
    assertThat(results.trajectories()).isEmpty();
  }
}
