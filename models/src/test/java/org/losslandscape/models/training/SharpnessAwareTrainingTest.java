package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * SAM and ASAM steps of the trainer against the two passes computed by hand: plain Java in double
 * precision, gradients by central differences ({@link ReferenceMlp}).
 */
class SharpnessAwareTrainingTest {

  private static final MlpArchitecture TINY = new MlpArchitecture(4, List.of(5), 3);
  private static final double FD_STEP = 1e-3;

  private final SgdTrainer trainer = new SgdTrainer(ExecutionSettings.cpu());

  static Stream<Arguments> optimizers() {
    // Radii far above the defaults so that the second gradient differs clearly from the first.
    return Stream.of(
        Arguments.of(Optimizer.sam(0.5)),
        Arguments.of(Optimizer.asam(1.0, 0.01)),
        Arguments.of(Optimizer.asam(1.0, 0.3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void oneStepDescendsFromTheWeightsAlongTheSameMinibatchsGradientAtThePerturbedWeights(
      Optimizer optimizer) {
    LabeledData data = TinyProblems.gaussianBlobs(12, 4, 3, 9);
    Parameters initial = Initialization.HE.initialize(TINY, 5);
    double lr = 0.2;
    TrainingConfig config = config(lr, 4, 0, new TrainingBudget.Steps(1)).withOptimizer(optimizer);
    TrainingResult result = trainer.train(initial, data, config, TrainingListener.NONE);

    int[] order = new EpochOrder(config.seed(), 12).next();
    LabeledData minibatch = data.select(Arrays.copyOf(order, 4));
    double[][] g = ReferenceMlp.gradient(initial, minibatch, FD_STEP);
    Parameters perturbed = add(initial, 1, referencePerturbation(optimizer, initial, g));
    double[][] gAtPerturbed = ReferenceMlp.gradient(perturbed, minibatch, FD_STEP);

    double largestDifferenceFromSgd = 0;
    for (int t = 0; t < initial.tensors().size(); t++) {
      float[] before = initial.tensors().get(t).values();
      float[] after = result.parameters().tensors().get(t).values();
      for (int k = 0; k < before.length; k++) {
        double expected = before[k] - lr * gAtPerturbed[t][k];
        assertThat((double) after[k])
            .as("%s[%d]", initial.tensors().get(t).name(), k)
            .isCloseTo(expected, within(3e-4));
        largestDifferenceFromSgd =
            Math.max(largestDifferenceFromSgd, Math.abs(expected - (before[k] - lr * g[t][k])));
      }
    }
    // The test can tell a sharpness-aware step from a plain one.
    assertThat(largestDifferenceFromSgd).isGreaterThan(1e-2);
  }

  @Test
  void momentumAccumulatesTheGradientsTakenAtThePerturbedWeights() {
    LabeledData data = TinyProblems.gaussianBlobs(12, 4, 3, 9);
    Parameters initial = Initialization.HE.initialize(TINY, 5);
    double lr = 0.05;
    double mu = 0.9;
    Optimizer sam = Optimizer.sam(0.3);
    // The whole set is one minibatch, so the shuffle cannot change the gradients.
    TrainingResult two =
        trainer.train(
            initial,
            data,
            config(lr, 12, mu, new TrainingBudget.Steps(2)).withOptimizer(sam),
            TrainingListener.NONE);

    double[][] v1 = samGradient(sam, initial, data);
    Parameters theta1 = add(initial, -lr, v1);
    double[][] g1 = samGradient(sam, theta1, data);
    for (int t = 0; t < v1.length; t++) {
      float[] theta1Values = theta1.tensors().get(t).values();
      float[] actual = two.parameters().tensors().get(t).values();
      for (int k = 0; k < actual.length; k++) {
        double v2 = mu * v1[t][k] + g1[t][k];
        assertThat((double) actual[k]).isCloseTo(theta1Values[k] - lr * v2, within(3e-4));
      }
    }
  }

  @Test
  void samTrainsTheTinyProblemDownhill() {
    LabeledData data = TinyProblems.gaussianBlobs(300, 4, 3, 21);
    Parameters initial = Initialization.HE.initialize(TINY, 5);
    TrainingConfig config =
        config(0.1, 16, 0, new TrainingBudget.Epochs(2)).withOptimizer(Optimizer.parse("asam"));
    TrainingResult result = trainer.train(initial, data, config, TrainingListener.NONE);
    assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
    assertThat(result.curve().get(1).loss()).isLessThan(ReferenceMlp.loss(initial, data));
  }

  /** SAM's or ASAM's gradient at {@code theta} on {@code batch}: both passes, by hand. */
  private static double[][] samGradient(Optimizer optimizer, Parameters theta, LabeledData batch) {
    double[][] g = ReferenceMlp.gradient(theta, batch, FD_STEP);
    return ReferenceMlp.gradient(
        add(theta, 1, referencePerturbation(optimizer, theta, g)), batch, FD_STEP);
  }

  /**
   * e = rho T² g / (||T g|| + guard) with T = |w| + eta on kernels (ASAM) and T = 1 elsewhere and
   * for SAM; written out entry by entry.
   */
  static double[][] referencePerturbation(Optimizer optimizer, Parameters w, double[][] g) {
    double[][] t = new double[g.length][];
    double squaredNorm = 0;
    for (int i = 0; i < g.length; i++) {
      Parameter p = w.tensors().get(i);
      t[i] = new double[g[i].length];
      for (int k = 0; k < g[i].length; k++) {
        boolean scaled = optimizer.kind() == Optimizer.Kind.ASAM && p.isKernel();
        t[i][k] = scaled ? Math.abs(p.values()[k]) + optimizer.eta() : 1;
        squaredNorm += (t[i][k] * g[i][k]) * (t[i][k] * g[i][k]);
      }
    }
    double norm = Math.sqrt(squaredNorm) + Optimizer.NORM_GUARD;
    double[][] e = new double[g.length][];
    for (int i = 0; i < g.length; i++) {
      e[i] = new double[g[i].length];
      for (int k = 0; k < g[i].length; k++) {
        e[i][k] = optimizer.rho() * t[i][k] * t[i][k] * g[i][k] / norm;
      }
    }
    return e;
  }

  /** {@code p + scale * d} rounded to float, as the weights are stored. */
  private static Parameters add(Parameters p, double scale, double[][] d) {
    List<Parameter> out = new ArrayList<>();
    for (int t = 0; t < d.length; t++) {
      float[] values = p.tensors().get(t).values();
      float[] sum = new float[values.length];
      for (int k = 0; k < values.length; k++) {
        sum[k] = (float) (values[k] + scale * d[t][k]);
      }
      out.add(p.tensors().get(t).withValues(sum));
    }
    return new Parameters(p.architecture(), out);
  }

  private static TrainingConfig config(
      double lr, int batch, double momentum, TrainingBudget budget) {
    return new TrainingConfig(
        "sam",
        lr,
        batch,
        momentum,
        LearningRateSchedule.constant(),
        budget,
        3,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }
}
