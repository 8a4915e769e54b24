package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.device.Device;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;

class StackPlanTest {

  private static final MlpArchitecture NET = new MlpArchitecture(784, List.of(128, 64), 10);
  private static final long PLENTY = 1L << 40;
  private static final long NO_LIMIT = Long.MAX_VALUE;

  private static ModelToTrain model(int batch, double lr, long seed) {
    return model(batch, lr, seed, new TrainingBudget.Epochs(10));
  }

  private static ModelToTrain model(int batch, double lr, long seed, TrainingBudget budget) {
    return new ModelToTrain(
        Initialization.HE.initialize(new MlpArchitecture(4, List.of(3), 2), seed),
        new TrainingConfig(
            "m",
            lr,
            batch,
            0,
            LearningRateSchedule.constant(),
            budget,
            seed,
            TrainingConfig.DEFAULT_DIVERGENCE_LIMIT));
  }

  /** The default study with 3 seeds: 4 recipes x 3 seeds, recipe by recipe. */
  private static List<ModelToTrain> defaultStudy() {
    List<ModelToTrain> models = new ArrayList<>();
    for (int[] recipe : new int[][] {{32, 10}, {1024, 10}, {32, 1}, {1024, 1}}) {
      for (int seed = 0; seed < 3; seed++) {
        models.add(model(recipe[0], recipe[1] / 100.0, 42 + seed));
      }
    }
    return models;
  }

  @Test
  void withoutAnExampleLimitTheDefaultStudyTrainsInOneStackPerBatchSizeLargestFirst() {
    StackPlan plan = StackPlan.of(defaultStudy(), 32, PLENTY, NO_LIMIT, 2, 60_000);
    assertThat(plan.stacks())
        .containsExactly(List.of(0, 1, 2, 6, 7, 8), List.of(3, 4, 5, 9, 10, 11));
  }

  @Test
  void aStackThatWouldKeepOneLaneBusyLongAfterTheOtherIsSplit() {
    // Equal steps: ten batch-1024 models cost ~30x ten batch-32 models; halving them balances the
    // two lanes, a further split of the small stack would not shorten anything.
    List<ModelToTrain> models = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      models.add(model(1024, 0.1, i, new TrainingBudget.Steps(4000)));
    }
    for (int i = 0; i < 10; i++) {
      models.add(model(32, 0.1, i, new TrainingBudget.Steps(4000)));
    }
    StackPlan plan = StackPlan.of(models, 32, PLENTY, NO_LIMIT, 2, 60_000);
    assertThat(plan.stacks())
        .containsExactly(
            List.of(0, 1, 2, 3, 4),
            List.of(5, 6, 7, 8, 9),
            List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19));
    assertThat(StackPlan.makespan(models, plan.stacks(), 2, 60_000))
        .isLessThan(
            0.6
                * StackPlan.makespan(
                    models,
                    List.of(
                        List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                        List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19)),
                    2,
                    60_000));
  }

  @Test
  void groupsLargerThanTheCapAreCutIntoEqualParts() {
    List<ModelToTrain> models = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      models.add(model(32, 0.1, i));
    }
    assertThat(StackPlan.of(models, 32, PLENTY, NO_LIMIT, 1, 60_000).stacks())
        .extracting(List::size)
        .containsExactly(17, 16);
  }

  @Test
  void aLoneGroupIsHalvedSoThatEveryLaneHasAStack() {
    List<ModelToTrain> models = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      models.add(model(32, 0.1, i));
    }
    assertThat(StackPlan.of(models, 32, PLENTY, NO_LIMIT, 2, 60_000).stacks())
        .containsExactly(List.of(2, 3, 4), List.of(0, 1));
    assertThat(StackPlan.of(models.subList(0, 1), 32, PLENTY, NO_LIMIT, 2, 60_000).stacks())
        .containsExactly(List.of(0));
  }

  @Test
  void onTheCpuALargeBatchModelTrainsAloneAndSmallBatchesStayStacked() {
    // The default study: ten batch-32 models stack; ten batch-1024 models each fill a step.
    List<ModelToTrain> models = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      models.add(model(32, 0.1, i));
      models.add(model(1024, 0.1, i));
    }
    StackPlan cpu =
        StackPlan.of(models, 32, PLENTY, StackPlan.examplesPerStepOn(Device.CPU), 2, 60_000);
    assertThat(sizesAtBatch(cpu, models, 1024)).containsOnly(1).hasSize(10);
    assertThat(sizesAtBatch(cpu, models, 32)).allMatch(size -> size >= 5);
    // On a GPU the stack is what fills the card: large batches stack too.
    StackPlan gpu =
        StackPlan.of(models, 32, PLENTY, StackPlan.examplesPerStepOn(Device.CUDA), 2, 60_000);
    assertThat(sizesAtBatch(gpu, models, 1024)).allMatch(size -> size >= 5);
  }

  private static List<Integer> sizesAtBatch(StackPlan plan, List<ModelToTrain> models, int batch) {
    return plan.stacks().stream()
        .filter(s -> models.get(s.get(0)).config().batchSize() == batch)
        .map(List::size)
        .toList();
  }

  @Test
  void memoryCapsTheStack() {
    long perModel = StackPlan.bytesPerModel(NET, 32, false);
    assertThat(StackPlan.maxStackFor(3 * perModel + 1, NET, 32, false)).isEqualTo(3);
    assertThat(StackPlan.maxStackFor(perModel / 2, NET, 32, false)).isEqualTo(1);
    assertThat(StackPlan.maxStackFor(PLENTY, NET, 32, false))
        .isEqualTo(StackPlan.DEFAULT_MAX_STACK);
    assertThat(StackPlan.bytesPerModel(NET, 32, true)).isGreaterThan(perModel);
  }

  @Property(tries = 200)
  void everyModelIsInExactlyOneStackOfCompatibleModelsWithinTheCap(
      @ForAll @IntRange(min = 1, max = 40) int count,
      @ForAll @IntRange(min = 1, max = 8) int cap,
      @ForAll @IntRange(min = 1, max = 4) int lanes,
      @ForAll @IntRange(min = 1, max = 600) int examplesPerStep,
      @ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<ModelToTrain> models = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      models.add(model(random.nextBoolean() ? 32 : 128, 0.1, i));
    }
    StackPlan plan = StackPlan.of(models, cap, PLENTY, examplesPerStep, lanes, 1_000);
    List<Integer> seen = new ArrayList<>();
    for (List<Integer> stack : plan.stacks()) {
      assertThat(stack).isNotEmpty().hasSizeLessThanOrEqualTo(cap);
      int batch = models.get(stack.get(0)).config().batchSize();
      assertThat(stack.size()).isLessThanOrEqualTo(Math.max(1, examplesPerStep / batch));
      assertThat(stack)
          .allMatch(i -> models.get(i).stackKey().equals(models.get(stack.get(0)).stackKey()));
      seen.addAll(stack);
    }
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, count).boxed().toList());
    assertThat(plan.stacks().size()).isGreaterThanOrEqualTo(Math.min(lanes, count));
  }
}
