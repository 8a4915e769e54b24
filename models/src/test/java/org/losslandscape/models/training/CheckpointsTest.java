package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

/** Where checkpoints fall, and that the trainer keeps the weights of exactly those steps. */
class CheckpointsTest {

  private static final MlpArchitecture TINY = new MlpArchitecture(4, List.of(5), 3);

  @Test
  void stepsAreEvenlySpacedFromTheStartToThePlannedEnd() {
    assertThat(CheckpointPlan.steps(5, 100)).containsExactly(0, 25, 50, 75, 100);
    // 10/3 = 3.33 and 20/3 = 6.67 round to the nearest step.
    assertThat(CheckpointPlan.steps(4, 10)).containsExactly(0, 3, 7, 10);
    // 2.5 rounds half up.
    assertThat(CheckpointPlan.steps(3, 5)).containsExactly(0, 3, 5);
    assertThat(CheckpointPlan.steps(2, 1)).containsExactly(0, 1);
    // More checkpoints than steps: every step once.
    assertThat(CheckpointPlan.steps(10, 3)).containsExactly(0, 1, 2, 3);
    assertThat(CheckpointPlan.steps(0, 100)).isEmpty();
  }

  @Property(tries = 300)
  void stepsAreTheRoundedIdealSpacingWithoutRepeats(
      @ForAll @IntRange(min = 2, max = 60) int count,
      @ForAll @LongRange(min = 1, max = 10_000_000_000L) long planned) {
    // The slow obvious version: exact decimals, rounded half up, collected into a sorted set.
    TreeSet<Long> expected = new TreeSet<>();
    for (int j = 0; j < count; j++) {
      expected.add(
          BigDecimal.valueOf(j)
              .multiply(BigDecimal.valueOf(planned))
              .divide(BigDecimal.valueOf(count - 1), 0, RoundingMode.HALF_UP)
              .longValueExact());
    }
    long[] steps = CheckpointPlan.steps(count, planned);
    assertThat(steps).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    assertThat(steps[0]).isZero();
    assertThat(steps[steps.length - 1]).isEqualTo(planned);
    assertThat(steps).hasSize((int) Math.min(count, planned + 1));
  }

  @Test
  void fewerThanTwoCheckpointsAreRejected() {
    TrainingConfig config = config(new TrainingBudget.Epochs(1));
    assertThatThrownBy(() -> config.withCheckpoints(1))
        .hasMessageContaining("checkpoints must be 0 (none) or at least 2");
    assertThatThrownBy(() -> config.withCheckpoints(-3)).hasMessageContaining("checkpoints");
  }

  @Test
  void theTrainerKeepsTheWeightsOfThePlannedStepsEndingWithTheFinalWeights() {
    LabeledData data = TinyProblems.gaussianBlobs(50, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(TINY, 5);
    SgdTrainer trainer = new SgdTrainer(ExecutionSettings.cpu(), 4);
    // 50 examples at batch 7: 8 steps per epoch, 24 in all; 5 checkpoints every 6 steps.
    TrainingResult result =
        trainer.train(
            initial,
            data,
            config(new TrainingBudget.Epochs(3)).withCheckpoints(5),
            TrainingListener.NONE);

    assertThat(result.checkpoints())
        .extracting(Checkpoint::step)
        .containsExactly(0L, 6L, 12L, 18L, 24L);
    assertThat(result.checkpoints().get(0).parameters()).isEqualTo(initial);
    assertThat(result.checkpoints().get(4).parameters()).isEqualTo(result.parameters());
    // Each checkpoint holds the weights after exactly its number of steps: a run stopped there
    // (same seed, same shuffles, constant rate) ends with them.
    for (Checkpoint checkpoint : result.checkpoints().subList(1, 4)) {
      TrainingResult stoppedThere =
          trainer.train(
              initial,
              data,
              config(new TrainingBudget.Steps(checkpoint.step())),
              TrainingListener.NONE);
      assertThat(checkpoint.parameters())
          .as("step %d", checkpoint.step())
          .isEqualTo(stoppedThere.parameters());
    }
  }

  @Test
  void aRunThatStopsEarlyEndsItsCheckpointsWithItsFinalWeights() {
    LabeledData data = TinyProblems.gaussianBlobs(200, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(TINY, 5);
    // Spaced over the cap of 10,000 steps, of which the target loss needs far fewer.
    TrainingResult result =
        new SgdTrainer(ExecutionSettings.cpu())
            .train(
                initial,
                data,
                config(new TrainingBudget.TargetLoss(0.7, 10_000)).withCheckpoints(3),
                TrainingListener.NONE);

    assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
    assertThat(result.steps()).isLessThan(5_000);
    assertThat(result.checkpoints()).hasSize(2);
    assertThat(result.checkpoints().get(0).step()).isZero();
    Checkpoint last = result.checkpoints().get(1);
    assertThat(last.step()).isEqualTo(result.steps());
    assertThat(last.parameters()).isEqualTo(result.parameters());
  }

  @Test
  void checkpointsAreOffByDefault() {
    LabeledData data = TinyProblems.gaussianBlobs(50, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(TINY, 5);
    TrainingConfig config = config(new TrainingBudget.Epochs(1));
    assertThat(config.checkpoints()).isZero();
    assertThat(
            new SgdTrainer(ExecutionSettings.cpu())
                .train(initial, data, config, TrainingListener.NONE)
                .checkpoints())
        .isEmpty();
  }

  private static TrainingConfig config(TrainingBudget budget) {
    return new TrainingConfig(
        "checkpoints",
        0.1,
        7,
        0,
        LearningRateSchedule.constant(),
        budget,
        3,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }
}
