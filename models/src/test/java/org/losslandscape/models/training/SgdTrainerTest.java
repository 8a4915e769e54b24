package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

class SgdTrainerTest {

  private final MlpArchitecture tiny = new MlpArchitecture(4, List.of(5), 3);
  private final SgdTrainer trainer = new SgdTrainer(ExecutionSettings.cpu());

  private TrainingConfig config(double lr, int batch, double momentum, TrainingBudget budget) {
    return new TrainingConfig(
        "test",
        lr,
        batch,
        momentum,
        LearningRateSchedule.constant(),
        budget,
        3,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }

  @Test
  void oneFullBatchStepEqualsThetaMinusLearningRateTimesTheReferenceGradient() {
    LabeledData data = TinyProblems.gaussianBlobs(12, 4, 3, 9);
    Parameters initial = Initialization.HE.initialize(tiny, 5);
    double lr = 0.1;
    // Batch = whole set, so the shuffle cannot change the gradient.
    TrainingResult result =
        trainer.train(
            initial, data, config(lr, 12, 0, new TrainingBudget.Steps(1)), TrainingListener.NONE);

    double[][] gradient = ReferenceMlp.gradient(initial, data, 1e-3);
    for (int t = 0; t < initial.tensors().size(); t++) {
      float[] before = initial.tensors().get(t).values();
      float[] after = result.parameters().tensors().get(t).values();
      for (int k = 0; k < before.length; k++) {
        assertThat((double) after[k])
            .as("%s[%d]", initial.tensors().get(t).name(), k)
            .isCloseTo(before[k] - lr * gradient[t][k], within(2e-4));
      }
    }
    assertThat(result.steps()).isEqualTo(1);
    assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
  }

  @Test
  void aMinibatchStepUsesExactlyTheFirstBatchOfTheSeededShuffle() {
    LabeledData data = TinyProblems.gaussianBlobs(12, 4, 3, 9);
    Parameters initial = Initialization.HE.initialize(tiny, 5);
    double lr = 0.2;
    TrainingResult result =
        trainer.train(
            initial, data, config(lr, 4, 0, new TrainingBudget.Steps(1)), TrainingListener.NONE);

    int[] order = new EpochOrder(3, 12).next(); // config(...) trains with seed 3
    LabeledData firstBatch = data.select(java.util.Arrays.copyOf(order, 4));
    double[][] gradient = ReferenceMlp.gradient(initial, firstBatch, 1e-3);
    for (int t = 0; t < initial.tensors().size(); t++) {
      float[] before = initial.tensors().get(t).values();
      float[] after = result.parameters().tensors().get(t).values();
      for (int k = 0; k < before.length; k++) {
        assertThat((double) after[k]).isCloseTo(before[k] - lr * gradient[t][k], within(3e-4));
      }
    }
  }

  @Test
  void shufflesArePermutationsThatDependOnTheSeedAndChangeEveryEpoch() {
    EpochOrder a = new EpochOrder(1, 50);
    int[] first = a.next().clone();
    int[] second = a.next().clone();
    int[] otherSeed = new EpochOrder(2, 50).next().clone();
    assertThat(first).isNotEqualTo(second).isNotEqualTo(otherSeed);
    int[] sorted = first.clone();
    java.util.Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(java.util.stream.IntStream.range(0, 50).toArray());
    assertThat(new EpochOrder(1, 50).next()).isEqualTo(first);
  }

  @Test
  void warmupCosineTrainsAndDiffersFromConstant() {
    LabeledData data = TinyProblems.gaussianBlobs(300, 4, 3, 21);
    Parameters initial = Initialization.GLOROT.initialize(tiny, 5);
    TrainingConfig cosine =
        new TrainingConfig(
            "test",
            0.1,
            16,
            0,
            LearningRateSchedule.warmupCosine(0.2),
            new TrainingBudget.Epochs(2),
            3,
            TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
    TrainingResult a = trainer.train(initial, data, cosine, TrainingListener.NONE);
    TrainingResult b =
        trainer.train(
            initial, data, config(0.1, 16, 0, new TrainingBudget.Epochs(2)), TrainingListener.NONE);
    assertThat(a.status()).isEqualTo(TrainingStatus.COMPLETED);
    assertThat(a.parameters()).isNotEqualTo(b.parameters());
    assertThat(a.curve().get(1).loss()).isLessThan(ReferenceMlp.loss(initial, data));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new TrainingConfig(
                    "t",
                    0.1,
                    16,
                    0,
                    LearningRateSchedule.warmupCosine(0.1),
                    new TrainingBudget.TargetLoss(0.5, 100),
                    3,
                    40))
        .hasMessageContaining("fixed budget");
  }

  @Test
  void momentumStepsAccumulateVelocity() {
    LabeledData data = TinyProblems.gaussianBlobs(12, 4, 3, 9);
    Parameters initial = Initialization.HE.initialize(tiny, 5);
    double lr = 0.05;
    double mu = 0.9;
    TrainingResult two =
        trainer.train(
            initial, data, config(lr, 12, mu, new TrainingBudget.Steps(2)), TrainingListener.NONE);
    // Reference heavy ball: v1 = g0, theta1 = theta0 - lr v1; v2 = mu v1 + g1, theta2 = theta1 - lr
    // v2.
    double[][] g0 = ReferenceMlp.gradient(initial, data, 1e-3);
    Parameters theta1 = step(initial, g0, lr);
    double[][] g1 = ReferenceMlp.gradient(theta1, data, 1e-3);
    for (int t = 0; t < g0.length; t++) {
      float[] expected1 = theta1.tensors().get(t).values();
      float[] actual = two.parameters().tensors().get(t).values();
      for (int k = 0; k < actual.length; k++) {
        double v2 = mu * g0[t][k] + g1[t][k];
        assertThat((double) actual[k]).isCloseTo(expected1[k] - lr * v2, within(3e-4));
      }
    }
  }

  @Test
  void trainingLowersTheLossAndIsBitForBitRepeatable() {
    LabeledData data = TinyProblems.gaussianBlobs(600, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(tiny, 5);
    TrainingConfig c = config(0.1, 16, 0, new TrainingBudget.Epochs(3));
    TrainingResult a = trainer.train(initial, data, c, TrainingListener.NONE);
    TrainingResult b = trainer.train(initial, data, c, TrainingListener.NONE);

    assertThat(a.parameters()).isEqualTo(b.parameters());
    assertThat(a.curve()).hasSize(3);
    assertThat(a.steps()).isEqualTo(3 * 38); // ceil(600 / 16) = 38 steps per epoch
    assertThat(a.curve().get(2).loss()).isLessThan(ReferenceMlp.loss(initial, data));
    assertThat(a.curve().get(2).loss())
        .isCloseTo(ReferenceMlp.loss(a.parameters(), data), within(1e-5));
    assertThat(a.curve().get(2).accuracy()).isEqualTo(ReferenceMlp.accuracy(a.parameters(), data));
  }

  @Test
  void targetLossStopsAtTheFirstEpochThatReachesIt() {
    LabeledData data = TinyProblems.gaussianBlobs(600, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(tiny, 5);
    TrainingResult reached =
        trainer.train(
            initial,
            data,
            config(0.1, 16, 0, new TrainingBudget.TargetLoss(0.6, 10_000)),
            TrainingListener.NONE);
    assertThat(reached.status()).isEqualTo(TrainingStatus.COMPLETED);
    assertThat(reached.curve().get(reached.curve().size() - 1).loss()).isLessThanOrEqualTo(0.6);
    reached
        .curve()
        .subList(0, reached.curve().size() - 1)
        .forEach(r -> assertThat(r.loss()).isGreaterThan(0.6));

    TrainingResult capped =
        trainer.train(
            initial,
            data,
            config(0.1, 16, 0, new TrainingBudget.TargetLoss(1e-6, 50)),
            TrainingListener.NONE);
    assertThat(capped.status()).isEqualTo(TrainingStatus.TARGET_NOT_REACHED);
    assertThat(capped.steps()).isEqualTo(50);
    assertThat(capped.message()).contains("target");
  }

  @Test
  void anExplodingLearningRateIsReportedAsDiverged() {
    LabeledData data = TinyProblems.gaussianBlobs(200, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(tiny, 5);
    TrainingResult result =
        trainer.train(
            initial, data, config(1e4, 8, 0, new TrainingBudget.Epochs(5)), TrainingListener.NONE);
    assertThat(result.status()).isEqualTo(TrainingStatus.DIVERGED);
    assertThat(result.message()).contains("learning rate");
    assertThat(result.steps()).isLessThan(5 * 25);
  }

  private static Parameters step(Parameters p, double[][] gradient, double lr) {
    Parameters g = Parameters.zeros(p.architecture());
    for (int t = 0; t < gradient.length; t++) {
      for (int k = 0; k < gradient[t].length; k++) {
        g.tensors().get(t).values()[k] = (float) gradient[t][k];
      }
    }
    return p.plus(-lr, g);
  }

  @Test
  void timeStepsRunsTheRequestedFullBatchSteps() {
    LabeledData data = TinyProblems.gaussianBlobs(50, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(tiny, 5);
    TrainingConfig c = config(0.1, 7, 0, new TrainingBudget.Epochs(1));
    // 7 does not divide 50: the timing loop reshuffles instead of running a short batch.
    StepTiming oneByOne =
        new SgdTrainer(ExecutionSettings.cpu(), 1).timeSteps(initial, data, c, 3, 20);
    assertThat(oneByOne.steps()).isEqualTo(20);
    assertThat(oneByOne.stepsPerRun()).isEqualTo(1);
    assertThat(oneByOne.batchSize()).isEqualTo(7);
    assertThat(oneByOne.seconds()).isPositive();
    assertThat(oneByOne.millisPerStep()).isCloseTo(1000 * oneByOne.seconds() / 20, within(1e-9));
    assertThat(oneByOne.examplesPerSecond()).isCloseTo(7 * oneByOne.stepsPerSecond(), within(1e-6));

    // An epoch holds 7 full batches, so a chain of 4 fits once per epoch; 18 steps round up to
    // 5 whole runs of 4.
    StepTiming chained =
        new SgdTrainer(ExecutionSettings.cpu(), 4).timeSteps(initial, data, c, 3, 18);
    assertThat(chained.stepsPerRun()).isEqualTo(4);
    assertThat(chained.steps()).isEqualTo(20);

    // Longer chains than an epoch's full batches are cut to them.
    StepTiming capped =
        new SgdTrainer(ExecutionSettings.cpu(), 32).timeSteps(initial, data, c, 0, 10);
    assertThat(capped.stepsPerRun()).isEqualTo(7);
    assertThat(capped.steps()).isEqualTo(14);
  }
}
