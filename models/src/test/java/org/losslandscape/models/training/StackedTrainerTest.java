package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * Stacked training must train each model as if it were alone: bit for bit whatever stack it is in,
 * and to float32 rounding what the single-model reference trainer ({@link SgdTrainer}) trains.
 */
class StackedTrainerTest {

  private static final MlpArchitecture NET = new MlpArchitecture(12, List.of(16, 8), 4);
  private static final LabeledData DATA = TinyProblems.gaussianBlobs(500, 12, 4, 11);

  private final StackedTrainer trainer = new StackedTrainer(ExecutionSettings.cpu());

  private static TrainingConfig config(
      String name, double lr, int batch, long seed, TrainingBudget budget) {
    return new TrainingConfig(
        name,
        lr,
        batch,
        0,
        LearningRateSchedule.constant(),
        budget,
        seed,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }

  private static ModelToTrain model(TrainingConfig config) {
    return new ModelToTrain(Initialization.HE.initialize(NET, config.seed()), config);
  }

  /** Ten models that differ in every value a stack lets them differ in. */
  private static List<ModelToTrain> tenDifferentModels(Optimizer optimizer, TrainingBudget budget) {
    List<ModelToTrain> models = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TrainingConfig c =
          new TrainingConfig(
              "m" + i,
              0.02 + 0.02 * i,
              32,
              i % 3 == 0 ? 0 : 0.5 + 0.04 * i,
              i % 2 == 0 ? 0 : 1e-3 * i,
              i % 4 == 1 ? LearningRateSchedule.warmupCosine(0.1) : LearningRateSchedule.constant(),
              budget,
              100 + i,
              TrainingConfig.DEFAULT_DIVERGENCE_LIMIT,
              optimizer,
              0);
      models.add(model(c));
    }
    return models;
  }

  private static void assertBitIdentical(Parameters actual, Parameters expected, String what) {
    for (int t = 0; t < expected.tensors().size(); t++) {
      assertThat(actual.tensors().get(t).values())
          .as("%s: %s", what, expected.tensors().get(t).name())
          .containsExactly(expected.tensors().get(t).values());
    }
  }

  @Test
  void aModelTrainsBitForBitTheSameInAStackOfOneThreeOrTen() {
    // 16 epochs of 16 minibatches (the last one short), so chains, single steps and the tail run.
    List<ModelToTrain> ten = tenDifferentModels(Optimizer.sgd(), new TrainingBudget.Epochs(16));
    List<TrainingResult> together = trainer.train(ten, DATA, StackListener.NONE);
    List<TrainingResult> three = trainer.train(ten.subList(4, 7), DATA, StackListener.NONE);
    for (int i = 0; i < 10; i++) {
      TrainingResult alone = trainer.train(List.of(ten.get(i)), DATA, StackListener.NONE).get(0);
      assertBitIdentical(together.get(i).parameters(), alone.parameters(), "model " + i);
      assertThat(together.get(i).curve()).isEqualTo(alone.curve());
      if (i >= 4 && i < 7) {
        assertBitIdentical(three.get(i - 4).parameters(), alone.parameters(), "model " + i);
      }
    }
  }

  @Test
  void atTheStudysShapeAndBatch1024EveryPositionOfAStackOfTenTrainsAsAlone() {
    // Reductions whose order depends on the whole tensor's size show only on large tensors: a
    // ReduceSum for the bias gradients gave the models in the second half of this stack weights
    // 1 ulp away from the same models alone. 2,560 examples: two full minibatches and a short one
    // of 512 per epoch, so the 4 steps run both chains.
    LabeledData data = studyShapedData(2560);
    List<ModelToTrain> ten = tenAtTheStudysShape(Optimizer.sgd());
    List<TrainingResult> together = trainer.train(ten, data, StackListener.NONE);
    for (int i : new int[] {0, 5, 9}) {
      TrainingResult alone = trainer.train(List.of(ten.get(i)), data, StackListener.NONE).get(0);
      assertBitIdentical(together.get(i).parameters(), alone.parameters(), "model " + i);
    }
  }

  @Test
  void samAtTheStudysShapeAgreesAcrossStacksToFloatRounding() {
    // Not bit for bit: with more than one intra-op thread (TensorFlow sizes one pool for the whole
    // process, by its first session, so a test cannot choose) SAM's long squared-norm sums are
    // split differently for a stack of 10 and a stack of 1. The bound after 4 steps.
    LabeledData data = studyShapedData(2560);
    List<ModelToTrain> ten = tenAtTheStudysShape(Optimizer.sam(0.05));
    List<TrainingResult> together = trainer.train(ten, data, StackListener.NONE);
    for (int i : new int[] {0, 9}) {
      TrainingResult alone = trainer.train(List.of(ten.get(i)), data, StackListener.NONE).get(0);
      assertThat(maxRelativeDifference(together.get(i).parameters(), alone.parameters()))
          .as("model %d", i)
          .isLessThan(1e-6);
    }
  }

  /** {@code n} Gaussian 784-pixel examples with random labels of 10 classes. */
  private static LabeledData studyShapedData(int n) {
    java.util.Random random = new java.util.Random(1);
    float[] x = new float[n * 784];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(10);
    }
    return new LabeledData(x, y, 784);
  }

  /** Ten 784-128-64-10 models at batch 1024, 4 steps, each its own seed. */
  private static List<ModelToTrain> tenAtTheStudysShape(Optimizer optimizer) {
    MlpArchitecture net = new MlpArchitecture(784, List.of(128, 64), 10);
    List<ModelToTrain> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TrainingConfig c =
          new TrainingConfig(
              "m" + i,
              0.05,
              1024,
              0,
              0,
              LearningRateSchedule.constant(),
              new TrainingBudget.Steps(4),
              42 + i,
              TrainingConfig.DEFAULT_DIVERGENCE_LIMIT,
              optimizer,
              0);
      ten.add(new ModelToTrain(Initialization.HE.initialize(net, c.seed()), c));
    }
    return ten;
  }

  @Test
  void samAndAsamModelsTrainBitForBitTheSameInAnyStack() {
    for (Optimizer optimizer : List.of(Optimizer.sam(0.05), Optimizer.asam(0.5, 0.01))) {
      List<ModelToTrain> ten = tenDifferentModels(optimizer, new TrainingBudget.Steps(40));
      List<TrainingResult> together = trainer.train(ten, DATA, StackListener.NONE);
      for (int i : new int[] {0, 5, 9}) {
        TrainingResult alone = trainer.train(List.of(ten.get(i)), DATA, StackListener.NONE).get(0);
        assertBitIdentical(
            together.get(i).parameters(), alone.parameters(), optimizer.label() + " model " + i);
      }
    }
  }

  @Test
  void eachModelAgreesWithTheSingleModelReferenceTrainerOver100StepsToFloatRounding() {
    SgdTrainer reference = new SgdTrainer(ExecutionSettings.cpu());
    for (Optimizer optimizer :
        List.of(Optimizer.sgd(), Optimizer.sam(0.05), Optimizer.asam(0.5, 0.01))) {
      List<ModelToTrain> ten = tenDifferentModels(optimizer, new TrainingBudget.Steps(100));
      List<TrainingResult> stacked = trainer.train(ten, DATA, StackListener.NONE);
      for (int i = 0; i < 10; i++) {
        TrainingResult alone =
            reference.train(ten.get(i).initial(), DATA, ten.get(i).config(), TrainingListener.NONE);
        double worst = maxRelativeDifference(stacked.get(i).parameters(), alone.parameters());
        // Float32 rounding (6e-8 per operation) compounded over 100 steps of a few hundred
        // operations each; measured: at most ~1e-5 here.
        assertThat(worst).as("%s model %d", optimizer.label(), i).isLessThan(1e-4);
      }
    }
  }

  /** Largest |a - b| over all weights, relative to the largest |b| of the same tensor. */
  private static double maxRelativeDifference(Parameters a, Parameters b) {
    double worst = 0;
    for (int t = 0; t < b.tensors().size(); t++) {
      float[] x = a.tensors().get(t).values();
      float[] y = b.tensors().get(t).values();
      double scale = 0;
      for (float v : y) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int k = 0; k < y.length; k++) {
        worst = Math.max(worst, Math.abs(x[k] - y[k]) / scale);
      }
    }
    return worst;
  }

  @Test
  void oneFullBatchStepOfEveryModelIsThetaMinusItsLearningRateTimesTheReferenceGradient() {
    LabeledData data = TinyProblems.gaussianBlobs(24, 12, 4, 9);
    List<ModelToTrain> stack = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      stack.add(model(config("m" + i, 0.1 * (i + 1), 24, 5 + i, new TrainingBudget.Steps(1))));
    }
    List<TrainingResult> results = trainer.train(stack, data, StackListener.NONE);
    for (int i = 0; i < 3; i++) {
      Parameters initial = stack.get(i).initial();
      double lr = stack.get(i).config().learningRate();
      ParameterLayout layout = new ParameterLayout(NET);
      double[] before = layout.flatten(initial);
      double[] gradient = new DoubleMlp(NET, data).gradient(before);
      double[] after = layout.flatten(results.get(i).parameters());
      for (int k = 0; k < before.length; k++) {
        assertThat(after[k])
            .as("model %d entry %d", i, k)
            .isCloseTo(before[k] - lr * gradient[k], within(1e-6));
      }
    }
  }

  @Test
  void aDivergingModelStopsAloneAndTheOthersTrainAsIfItWereNotThere() {
    ModelToTrain calm = model(config("calm", 0.05, 32, 1, new TrainingBudget.Epochs(3)));
    ModelToTrain wild = model(config("wild", 500, 32, 2, new TrainingBudget.Epochs(3)));
    List<TrainingResult> both = trainer.train(List.of(wild, calm), DATA, StackListener.NONE);

    assertThat(both.get(0).status()).isEqualTo(TrainingStatus.DIVERGED);
    assertThat(both.get(0).message()).contains("too high");
    assertThat(both.get(0).steps()).isLessThan(both.get(1).steps());
    assertThat(both.get(1).status()).isEqualTo(TrainingStatus.COMPLETED);
    TrainingResult alone = trainer.train(List.of(calm), DATA, StackListener.NONE).get(0);
    assertBitIdentical(both.get(1).parameters(), alone.parameters(), "calm");
  }

  @Test
  void modelsReachTheirTargetLossAtTheirOwnTimeAndStopThere() {
    TrainingBudget target = new TrainingBudget.TargetLoss(0.5, 2_000);
    ModelToTrain fast = model(config("fast", 0.3, 32, 1, target));
    ModelToTrain slow = model(config("slow", 0.003, 32, 1, target));
    List<TrainingResult> results = trainer.train(List.of(fast, slow), DATA, StackListener.NONE);

    TrainingResult f = results.get(0);
    assertThat(f.status()).isEqualTo(TrainingStatus.COMPLETED);
    assertThat(f.curve().get(f.curve().size() - 1).loss()).isLessThanOrEqualTo(0.5);
    TrainingResult s = results.get(1);
    assertThat(s.steps()).isGreaterThan(f.steps());
    assertThat(s.status()).isIn(TrainingStatus.COMPLETED, TrainingStatus.TARGET_NOT_REACHED);
    // The fast model's weights are those at its stop, not at the stack's end.
    TrainingResult fastAlone = trainer.train(List.of(fast), DATA, StackListener.NONE).get(0);
    assertThat(fastAlone.steps()).isEqualTo(f.steps());
    assertBitIdentical(f.parameters(), fastAlone.parameters(), "fast");
  }

  @Test
  void aTargetIsCheckedBetweenEpochEndsAndAModelStopsAtTheFirstCheckThatReachesIt() {
    // Cap 20,000 steps: checks every 200 steps, every 20 once the model is within 10% of the
    // target; an epoch is 125 steps at batch 4, so checks fall mid-epoch too.
    TrainingBudget target = new TrainingBudget.TargetLoss(0.45, 20_000);
    assertThat(((TrainingBudget.TargetLoss) target).checkEvery()).isEqualTo(200);
    ModelToTrain model = model(config("m", LR, 4, 4, target));
    TrainingResult r = trainer.train(List.of(model), DATA, StackListener.NONE).get(0);

    assertThat(r.status()).isEqualTo(TrainingStatus.COMPLETED);
    long stop = r.steps();
    EpochRecord last = r.curve().get(r.curve().size() - 1);
    assertThat(last.step()).isEqualTo(stop);
    assertThat(last.loss()).isLessThanOrEqualTo(0.45);
    assertThat(stop % 20 == 0 || stop % 125 == 0).as("stopped at a check, step %d", stop).isTrue();
    // 20 steps before the stop the whole-set loss was still above the target: near it the model
    // was checked every 20 steps, so it stopped within 20 steps of reaching it (at every 200 steps
    // and epoch ends only, it could run on for up to 124 steps).
    assertThat(wholeSetLossAfter(stop - 20)).isGreaterThan(0.45);
  }

  /** A learning rate at which the loss at batch 4 falls slowly near 0.45 on the blobs. */
  private static final double LR = 0.002;

  private TrainingResult trainedFor(long steps) {
    return trainer
        .train(
            List.of(model(config("m", LR, 4, 4, new TrainingBudget.Steps(steps)))),
            DATA,
            StackListener.NONE)
        .get(0);
  }

  private double wholeSetLossAfter(long steps) {
    TrainingResult t = trainedFor(steps);
    return t.curve().get(t.curve().size() - 1).loss();
  }

  /**
   * Checked ten times as often near its target, a model stops where it would alone: its own
   * interval decides its checks, not its neighbours' (a fast model beside a slow one, and alone).
   */
  @Test
  void theFinerChecksNearATargetAreEachModelsOwn() {
    TrainingBudget target = new TrainingBudget.TargetLoss(0.45, 2_000);
    ModelToTrain slow = model(config("slow", 0.02, 32, 5, target));
    ModelToTrain fast = model(config("fast", 0.2, 32, 6, target));
    List<TrainingResult> both = trainer.train(List.of(fast, slow), DATA, StackListener.NONE);
    TrainingResult slowAlone = trainer.train(List.of(slow), DATA, StackListener.NONE).get(0);
    assertThat(both.get(1).steps()).isEqualTo(slowAlone.steps());
    assertBitIdentical(both.get(1).parameters(), slowAlone.parameters(), "slow");
  }

  @Test
  void eachModelKeepsItsOwnCheckpointsAndTheyEqualTrainingToThatStep() {
    ModelToTrain keeps =
        model(config("keeps", 0.1, 32, 3, new TrainingBudget.Steps(40)).withCheckpoints(5));
    ModelToTrain none = model(config("none", 0.1, 32, 4, new TrainingBudget.Steps(40)));
    List<TrainingResult> results = trainer.train(List.of(keeps, none), DATA, StackListener.NONE);

    assertThat(results.get(0).checkpoints())
        .extracting(Checkpoint::step)
        .containsExactly(0L, 10L, 20L, 30L, 40L);
    assertThat(results.get(1).checkpoints()).isEmpty();
    TrainingResult upTo20 =
        trainer
            .train(
                List.of(model(config("keeps", 0.1, 32, 3, new TrainingBudget.Steps(20)))),
                DATA,
                StackListener.NONE)
            .get(0);
    assertBitIdentical(
        results.get(0).checkpoints().get(2).parameters(), upTo20.parameters(), "step 20");
    assertBitIdentical(
        results.get(0).checkpoints().get(4).parameters(), results.get(0).parameters(), "last");
  }

  @Test
  void modelsThatCannotShareAGraphAreRefused() {
    ModelToTrain b32 = model(config("a", 0.1, 32, 1, new TrainingBudget.Steps(5)));
    ModelToTrain b64 = model(config("b", 0.1, 64, 1, new TrainingBudget.Steps(5)));
    assertThatThrownBy(() -> trainer.train(List.of(b32, b64), DATA, StackListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch size");
    ModelToTrain sam =
        model(
            config("c", 0.1, 32, 1, new TrainingBudget.Steps(5))
                .withOptimizer(Optimizer.sam(0.05)));
    assertThatThrownBy(() -> trainer.train(List.of(b32, sam), DATA, StackListener.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trainer.train(List.of(), DATA, StackListener.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theListenerHearsEveryModelsEvaluationsAndStops() {
    List<String> heard = new ArrayList<>();
    StackListener listener =
        new StackListener() {
          @Override
          public void onEvaluation(TrainingConfig config, EpochRecord record) {
            heard.add(config.name() + "@" + record.step());
          }

          @Override
          public void onStopped(TrainingResult result) {
            heard.add(result.config().name() + " stopped " + result.status().label());
          }
        };
    List<ModelToTrain> two =
        List.of(
            model(config("a", 0.1, 250, 1, new TrainingBudget.Epochs(2))),
            model(config("b", 0.1, 250, 2, new TrainingBudget.Epochs(2))));
    trainer.train(two, DATA, listener);
    assertThat(heard)
        .containsExactly("a@2", "b@2", "a@4", "b@4", "a stopped completed", "b stopped completed");
  }

  @Test
  void parametersKeepTheirNamesAndShapes() {
    ModelToTrain m = model(config("a", 0.1, 32, 1, new TrainingBudget.Steps(3)));
    Parameters trained = trainer.train(List.of(m), DATA, StackListener.NONE).get(0).parameters();
    assertThat(trained.architecture()).isEqualTo(NET);
    for (int t = 0; t < trained.tensors().size(); t++) {
      Parameter p = trained.tensors().get(t);
      assertThat(p.name()).isEqualTo(m.initial().tensors().get(t).name());
      assertThat(p.shape()).isEqualTo(m.initial().tensors().get(t).shape());
    }
  }

  @Test
  void aDropoutRateOfZeroTrainsExactlyAsNoDropoutEvenBesideAModelThatDrops() {
    ModelToTrain plain = model(config("plain", 0.1, 32, 1, new TrainingBudget.Steps(30)));
    ModelToTrain dropping =
        model(config("dropping", 0.1, 32, 2, new TrainingBudget.Steps(30)).withDropout(0.3));
    List<TrainingResult> together =
        trainer.train(List.of(plain, dropping), DATA, StackListener.NONE);
    TrainingResult alone = trainer.train(List.of(plain), DATA, StackListener.NONE).get(0);
    assertBitIdentical(together.get(0).parameters(), alone.parameters(), "rate 0");
    // The dropping model's masks are its own: alone or stacked, the same weights.
    TrainingResult droppingAlone =
        trainer.train(List.of(dropping), DATA, StackListener.NONE).get(0);
    assertBitIdentical(together.get(1).parameters(), droppingAlone.parameters(), "rate 0.3");
    // And dropout does change the training.
    TrainingResult sameSeedNoDropout =
        trainer
            .train(
                List.of(model(config("dropping", 0.1, 32, 2, new TrainingBudget.Steps(30)))),
                DATA,
                StackListener.NONE)
            .get(0);
    assertThat(droppingAlone.parameters().tensors().get(0).values())
        .isNotEqualTo(sameSeedNoDropout.parameters().tensors().get(0).values());
  }

  @Test
  void aModelTrainsOnItsFixedSubsetAndItsEpochsAreTheSubsets() {
    ModelToTrain small =
        model(config("small", 0.1, 32, 1, new TrainingBudget.Epochs(2)).withTrainExamples(100));
    TrainingResult r = trainer.train(List.of(small), DATA, StackListener.NONE).get(0);
    assertThat(r.steps()).isEqualTo(2 * 4); // ceil(100 / 32) = 4 steps per epoch
    assertThat(r.curve()).hasSize(2);
    ModelToTrain full = model(config("full", 0.1, 32, 1, new TrainingBudget.Epochs(2)));
    assertThatThrownBy(() -> trainer.train(List.of(small, full), DATA, StackListener.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SgdTrainer(ExecutionSettings.cpu())
                    .train(small.initial(), DATA, small.config(), TrainingListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stacked trainer");
  }

  @Test
  void subsetsAreFixedNestedAndKeepTheOriginalOrder() {
    LabeledData a = DATA.subset(50);
    LabeledData b = DATA.subset(200);
    assertThat(a.count()).isEqualTo(50);
    assertThat(DATA.subset(50).features()).isEqualTo(a.features());
    assertThat(DATA.subset(50).labels()).isEqualTo(a.labels());
    assertThat(DATA.subset(10_000)).isSameAs(DATA);
    // Every example of the smaller subset is in the larger one, in the same order.
    List<String> inB = new ArrayList<>();
    for (int i = 0; i < b.count(); i++) {
      inB.add(
          java.util.Arrays.toString(
              java.util.Arrays.copyOfRange(b.features(), i * 12, i * 12 + 12)));
    }
    int last = -1;
    for (int i = 0; i < a.count(); i++) {
      int at =
          inB.indexOf(
              java.util.Arrays.toString(
                  java.util.Arrays.copyOfRange(a.features(), i * 12, i * 12 + 12)));
      assertThat(at).isGreaterThan(last);
      last = at;
    }
  }
}
