package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * Several steps per {@code Session.run} must train exactly the weights of one step per run: the
 * chain is an optimization, not a different algorithm.
 */
class StepsPerRunTest {

  private static final MlpArchitecture TINY = new MlpArchitecture(4, List.of(6, 5), 3);

  static Stream<Arguments> configs() {
    // 100 examples: batch 8 leaves a short last minibatch of 4, so an epoch is 12 full steps and
    // one short one; chains of 5 then cover 10 steps and leave 2 + 1 to single steps.
    return Stream.of(
        Arguments.of("constant, no momentum", config(0.1, 8, 0, constant(), epochs(3))),
        Arguments.of("constant, momentum", config(0.05, 8, 0.9, constant(), epochs(2))),
        Arguments.of(
            "warmup-cosine, no momentum",
            config(0.2, 8, 0, LearningRateSchedule.warmupCosine(0.2), epochs(3))),
        Arguments.of(
            "warmup-cosine, momentum, budget ends mid-epoch",
            config(
                0.1, 8, 0.5, LearningRateSchedule.warmupCosine(0.1), new TrainingBudget.Steps(31))),
        Arguments.of(
            "batch 7 does not divide 100, ends mid-epoch",
            config(0.1, 7, 0, constant(), new TrainingBudget.Steps(40))),
        Arguments.of(
            "target loss", config(0.1, 8, 0, constant(), new TrainingBudget.TargetLoss(0.3, 200))),
        Arguments.of(
            "SAM with momentum",
            config(0.1, 8, 0.9, constant(), epochs(2)).withOptimizer(Optimizer.sam(0.05))),
        Arguments.of(
            "ASAM, warmup-cosine",
            config(0.1, 8, 0, LearningRateSchedule.warmupCosine(0.2), epochs(2))
                .withOptimizer(Optimizer.asam(0.5, 0.01))),
        Arguments.of(
            "checkpoints that cut chains",
            config(0.1, 8, 0, constant(), epochs(3)).withCheckpoints(7)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void chainsOfStepsTrainBitForBitTheWeightsOfOneStepPerRun(String name, TrainingConfig config) {
    LabeledData data = TinyProblems.gaussianBlobs(100, 4, 3, 17);
    Parameters initial = Initialization.HE.initialize(TINY, 11);

    TrainingResult oneByOne =
        new SgdTrainer(ExecutionSettings.cpu(), 1)
            .train(initial, data, config, TrainingListener.NONE);
    TrainingResult chained =
        new SgdTrainer(ExecutionSettings.cpu(), 5)
            .train(initial, data, config, TrainingListener.NONE);

    assertThat(chained.status()).isEqualTo(oneByOne.status()).isNotEqualTo(TrainingStatus.DIVERGED);
    assertThat(chained.steps()).isEqualTo(oneByOne.steps());
    assertThat(chained.parameters()).isEqualTo(oneByOne.parameters());
    assertThat(chained.parameters()).isNotEqualTo(initial);
    assertThat(chained.curve()).isEqualTo(oneByOne.curve());
    assertThat(chained.checkpoints()).isEqualTo(oneByOne.checkpoints());
  }

  @Test
  void aDivergedRunStopsAtTheEndOfTheChainThatHeldTheFirstBadLossAndNamesThatStep() {
    LabeledData data = TinyProblems.gaussianBlobs(200, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(TINY, 11);
    TrainingConfig exploding = config(1e4, 8, 0, constant(), epochs(5));

    TrainingResult oneByOne =
        new SgdTrainer(ExecutionSettings.cpu(), 1)
            .train(initial, data, exploding, TrainingListener.NONE);
    TrainingResult chained =
        new SgdTrainer(ExecutionSettings.cpu(), 5)
            .train(initial, data, exploding, TrainingListener.NONE);

    assertThat(oneByOne.status()).isEqualTo(TrainingStatus.DIVERGED);
    assertThat(chained.status()).isEqualTo(TrainingStatus.DIVERGED);
    // Up to the first bad loss both runs are the same run, so they name the same step...
    long firstBad = oneByOne.steps();
    assertThat(oneByOne.message()).contains("at step " + firstBad + " ");
    assertThat(chained.message()).isEqualTo(oneByOne.message());
    // ...but the chain finishes its run first: at most 4 more updates.
    assertThat(chained.steps()).isBetween(firstBad, firstBad + 4);
  }

  private static TrainingConfig config(
      double lr, int batch, double momentum, LearningRateSchedule schedule, TrainingBudget budget) {
    return new TrainingConfig(
        "chain", lr, batch, momentum, schedule, budget, 4, TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }

  private static LearningRateSchedule constant() {
    return LearningRateSchedule.constant();
  }

  private static TrainingBudget epochs(int epochs) {
    return new TrainingBudget.Epochs(epochs);
  }
}
