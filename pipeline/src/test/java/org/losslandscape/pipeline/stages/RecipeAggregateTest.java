package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.stages.SharpnessOrderings.NotCompared;
import org.losslandscape.pipeline.stages.SharpnessOrderings.Ordering;
import org.losslandscape.pipeline.stages.SharpnessOrderings.Reason;

/** Aggregation over seeds and pairs, and the orderings the intervals support. */
class RecipeAggregateTest {

  private final Recipe recipe = new Recipe("c", 0.1, 32);
  private final Parameters weights = Parameters.zeros(new MlpArchitecture(2, List.of(2), 2));

  private TrainedModel run(Recipe r, int seedIndex, boolean diverged, double testAccuracy) {
    TrainingConfig tc =
        new TrainingConfig(
            r.name(),
            r.learningRate(),
            r.batchSize(),
            0,
            LearningRateSchedule.constant(),
            new TrainingBudget.Epochs(1),
            seedIndex + 1,
            40);
    TrainingResult result =
        new TrainingResult(
            tc,
            weights,
            diverged ? TrainingStatus.DIVERGED : TrainingStatus.COMPLETED,
            1,
            1,
            List.of(),
            0,
            "");
    RunId id = new RunId(r.name(), seedIndex + 1, seedIndex);
    return diverged
        ? new TrainedModel(id, r, result, null, null, false, r.batchSize())
        : new TrainedModel(
            id,
            r,
            result,
            new Metrics(0.3, 0.9, 10),
            new Metrics(0.5, testAccuracy, 10),
            false,
            r.batchSize());
  }

  /** A landscape whose slice sharpness at eps 1 is {@code pair} for each direction pair. */
  private static ModelLandscape landscape(RunId run, double... pairs) {
    GridSpec spec = new GridSpec(3, -1, 1);
    List<SliceSharpness> perPair = new ArrayList<>();
    List<LandscapeGrid> grids = new ArrayList<>();
    for (double v : pairs) {
      double[][] loss = {{9, 1 + v, 9}, {1 + v, 1, 1}, {9, 1, 9}};
      LandscapeGrid g = new LandscapeGrid(spec, loss, new double[3][3], 1);
      grids.add(g);
      perPair.add(SliceSharpness.of(g, List.of(1.0)));
    }
    return new ModelLandscape(run, null, grids, SharpnessReport.of(perPair));
  }

  @Test
  void withSeveralSeedsIntervalsAreOverSeedMeansOfPairs() {
    List<TrainedModel> runs =
        List.of(run(recipe, 0, false, 0.8), run(recipe, 1, false, 0.9), run(recipe, 2, false, 1));
    RecipeAggregate a =
        new RecipeAggregate(
            recipe,
            runs,
            List.of(
                landscape(runs.get(0).run(), 1, 3),
                landscape(runs.get(1).run(), 2, 2),
                landscape(runs.get(2).run(), 5, 1)));
    assertThat(a.intervalSource()).isEqualTo(IntervalSource.TRAINING_SEEDS);
    assertThat(a.sharpnessPerSeed(1.0)).containsExactly(2, 2, 3);
    assertThat(a.sharpness(1.0).mean()).isCloseTo(7.0 / 3, within(1e-12));
    assertThat(a.sharpness(1.0).n()).isEqualTo(3);
    assertThat(a.testAccuracy().mean()).isCloseTo(0.9, within(1e-12));
    assertThat(a.describeIntervals()).isEqualTo("3 training seeds");
  }

  @Test
  void whenOnlyOneSeedSurvivesItsSharpnessIsAPointNotAPairInterval() {
    List<TrainedModel> runs =
        List.of(run(recipe, 0, false, 0.8), run(recipe, 1, true, 0), run(recipe, 2, true, 0));
    RecipeAggregate a =
        new RecipeAggregate(recipe, runs, List.of(landscape(runs.get(0).run(), 1, 3)));
    assertThat(a.sharpness(1.0).n()).isEqualTo(1);
    assertThat(a.sharpness(1.0).mean()).isCloseTo(2, within(1e-12));
    assertThat(a.describeIntervals()).isEqualTo("3 training seeds (1 did not diverge)");
    assertThat(a.testAccuracy().n()).isEqualTo(1);
  }

  @Test
  void whenOnlyTheFirstSeedIsSlicedItsSharpnessIntervalIsOverItsPairs() {
    // --sliced-seeds 1: three seeds trained and measured, the first one sliced.
    List<TrainedModel> runs =
        List.of(run(recipe, 0, false, 0.8), run(recipe, 1, false, 0.9), run(recipe, 2, false, 1));
    RecipeAggregate a =
        new RecipeAggregate(recipe, runs, List.of(landscape(runs.get(0).run(), 1, 3)));
    assertThat(a.intervalSource()).isEqualTo(IntervalSource.DIRECTION_PAIRS);
    assertThat(a.sharpness(1.0).n()).isEqualTo(2);
    assertThat(a.describeIntervals())
        .startsWith("direction pairs of the first seed, the one sliced");
    // The metrics stay over every seed.
    assertThat(a.testAccuracy().n()).isEqualTo(3);
    assertThat(a.testAccuracy().mean()).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void withOneSeedIntervalsAreOverDirectionPairs() {
    TrainedModel only = run(recipe, 0, false, 0.8);
    RecipeAggregate a =
        new RecipeAggregate(recipe, List.of(only), List.of(landscape(only.run(), 1, 3)));
    assertThat(a.intervalSource()).isEqualTo(IntervalSource.DIRECTION_PAIRS);
    assertThat(a.sharpness(1.0).n()).isEqualTo(2);
    assertThat(a.sharpness(1.0).mean()).isCloseTo(2, within(1e-12));
    assertThat(a.describeIntervals()).startsWith("direction pairs of one training seed");
  }

  private RecipeAggregate aggregate(Recipe r, double... perSeed) {
    List<TrainedModel> runs = new ArrayList<>();
    List<ModelLandscape> landscapes = new ArrayList<>();
    for (int s = 0; s < perSeed.length; s++) {
      TrainedModel m = run(r, s, false, 0.9);
      runs.add(m);
      landscapes.add(landscape(m.run(), perSeed[s]));
    }
    return new RecipeAggregate(r, runs, landscapes);
  }

  @Test
  void orderingsAreStatedOnlyWhenIntervalsSeparate() {
    Recipe flat = new Recipe("flat", 0.1, 32);
    Recipe sharp = new Recipe("sharp", 0.01, 1024);
    Recipe noisy = new Recipe("noisy", 0.1, 1024);
    SharpnessOrderings o =
        SharpnessOrderings.at(
            List.of(
                aggregate(sharp, 5, 5.2, 4.8),
                aggregate(flat, 1, 1.1, 0.9),
                aggregate(noisy, 1, 5, 9)),
            1.0);
    assertThat(o.separated()).containsExactly(new Ordering("flat", "sharp"));
    assertThat(o.comparisons()).isEqualTo(3);
    assertThat(o.notCompared()).isEmpty();
  }

  @Test
  void aRecipeWithADivergedSeedIsStillComparedWithTheOthers() {
    Recipe flat = new Recipe("flat", 0.1, 32);
    Recipe sharp = new Recipe("sharp", 0.01, 1024);
    RecipeAggregate sharpAll = aggregate(sharp, 5, 5.2, 4.8);
    // "flat" has four seeds, one of which diverged: its interval is over the three usable ones.
    List<TrainedModel> runs = new ArrayList<>();
    List<ModelLandscape> landscapes = new ArrayList<>();
    double[] values = {1, 1.1, 0.9};
    for (int s = 0; s < 3; s++) {
      TrainedModel m = run(flat, s, false, 0.9);
      runs.add(m);
      landscapes.add(landscape(m.run(), values[s]));
    }
    runs.add(run(flat, 3, true, 0));
    RecipeAggregate flatWithDiverged = new RecipeAggregate(flat, runs, landscapes);
    assertThat(flatWithDiverged.describeIntervals()).isNotEqualTo(sharpAll.describeIntervals());
    SharpnessOrderings o = SharpnessOrderings.at(List.of(sharpAll, flatWithDiverged), 1.0);
    assertThat(o.separated()).containsExactly(new Ordering("flat", "sharp"));
  }

  @Test
  void nonFiniteAndSingleValuesAndMixedSourcesAreReportedAsNotCompared() {
    Recipe a = new Recipe("a", 0.1, 32);
    Recipe b = new Recipe("b", 0.1, 64);
    Recipe single = new Recipe("single", 0.1, 128);
    Recipe pairs = new Recipe("pairs", 0.1, 256);
    RecipeAggregate finite = aggregate(a, 1, 1.1, 0.9);
    RecipeAggregate infinite = aggregate(b, 1, Double.POSITIVE_INFINITY, 0.9);
    TrainedModel one = run(single, 0, false, 0.9);
    RecipeAggregate singleSeedOnePair =
        new RecipeAggregate(single, List.of(one), List.of(landscape(one.run(), 3)));
    TrainedModel p = run(pairs, 0, false, 0.9);
    RecipeAggregate overPairs =
        new RecipeAggregate(pairs, List.of(p), List.of(landscape(p.run(), 3, 4)));
    assertThat(infinite.sharpness(1.0).mean()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(infinite.sharpness(1.0).finite()).isFalse();

    SharpnessOrderings o =
        SharpnessOrderings.at(List.of(finite, infinite, singleSeedOnePair, overPairs), 1.0);
    assertThat(o.separated()).isEmpty();
    assertThat(o.comparisons()).isZero();
    assertThat(o.notCompared())
        .contains(
            new NotCompared("a", "b", Reason.NON_FINITE),
            new NotCompared("a", "pairs", Reason.DIFFERENT_INTERVAL_SOURCES),
            new NotCompared("single", "pairs", Reason.SINGLE_VALUE))
        .hasSize(6);
  }
}
