package org.losslandscape.models.curvature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingListener;

/**
 * Cohen et al. 2021 (edge of stability): gradient descent with step eta is linearly unstable at any
 * point whose top Hessian eigenvalue exceeds 2/eta, so a point it converges to has lambda_max <=
 * 2/eta. Random labels keep the minima at a finite loss. Both runs start sharper than 2/eta, so the
 * bound is GD's doing, not the step's smallness; the second ends right at the edge (0.96 x 2/eta).
 * Runs at other steps that did not converge oscillated at 1.3-3.5 x 2/eta, which is why convergence
 * is asserted first.
 */
class EdgeOfStabilityTest {

  private final MlpArchitecture net = new MlpArchitecture(5, List.of(4), 3);
  private final LabeledData data = TinyProblems.randomLabels(60, 5, 3, 2);
  private final ParameterLayout layout = new ParameterLayout(net);

  @ParameterizedTest(name = "init seed {0}, eta {1}")
  @CsvSource({"1, 4.0", "4, 6.0"})
  void fullBatchGradientDescentConvergesOnlyWhereLambdaMaxIsAtMostTwoOverEta(
      long seed, double eta) {
    Parameters initial = Initialization.HE.initialize(net, seed);
    TrainingConfig fullBatch =
        new TrainingConfig(
            "gd",
            eta,
            data.count(),
            0,
            LearningRateSchedule.constant(),
            new TrainingBudget.Steps(1500),
            0,
            1e6);
    Parameters trained =
        new SgdTrainer(ExecutionSettings.cpu())
            .train(initial, data, fullBatch, TrainingListener.NONE)
            .parameters();
    EigenSettings top = new EigenSettings(1, 1e-6, 100, 0);
    try (DifferentiableLoss loss = new DifferentiableLoss(net, data, ExecutionSettings.cpu())) {
      double before = TopEigenvalues.estimate(loss.hessianAt(layout.flatten(initial)), top).max();
      double[] end = layout.flatten(trained);
      double after = TopEigenvalues.estimate(loss.hessianAt(end), top).max();

      assertThat(before).isGreaterThan(1.5 * 2 / eta);
      assertThat(Vectors.norm(loss.valueAndGradient(end).gradient())).isLessThan(1e-3);
      assertThat(after).isLessThanOrEqualTo(1.01 * 2 / eta);
    }
  }
}
