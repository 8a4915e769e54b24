package org.losslandscape.models.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.landscape.DecomposedLandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.Checkpoint;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingListener;
import org.losslandscape.models.training.TrainingResult;

/**
 * The loss on the plane of a real (tiny) training run's trajectory: its centre is the final
 * weights' loss, and its points are the plain-Java loss of the plane's points.
 */
class TrajectorySurfaceTest {

  private static final ExecutionSettings CPU = ExecutionSettings.cpu();
  private static final MlpArchitecture NET = new MlpArchitecture(6, List.of(7, 5), 4);
  private static final LabeledData DATA = TinyProblems.gaussianBlobs(120, 6, 4, 8);

  private static TrainingResult trained;
  private static TrajectorySurface surface;

  @BeforeAll
  static void trainWithCheckpointsAndEvaluateThePlane() {
    TrainingConfig config =
        new TrainingConfig(
                "tiny",
                0.05,
                16,
                0,
                LearningRateSchedule.constant(),
                new TrainingBudget.Steps(60),
                4,
                TrainingConfig.DEFAULT_DIVERGENCE_LIMIT)
            .withCheckpoints(7);
    trained =
        new SgdTrainer(CPU)
            .train(Initialization.HE.initialize(NET, 4), DATA, config, TrainingListener.NONE);
    TrajectoryPlane plane =
        TrajectoryPca.fit(
            trained.checkpoints().stream().map(Checkpoint::parameters).toList(),
            trained.parameters());
    surface =
        TrajectorySurface.evaluate(
            plane,
            0.25,
            5,
            new DecomposedLandscapeEvaluator(CPU),
            DATA,
            LandscapeEvaluator.RowProgress.NONE);
  }

  @Test
  void theCentreIsTheFinalWeightsLoss() {
    assertThat(trained.checkpoints()).hasSize(7);
    double reference = ReferenceMlp.loss(trained.parameters(), DATA);
    try (MlpEvaluator evaluator = new MlpEvaluator(NET, CPU)) {
      assertThat(surface.centreLoss())
          .isCloseTo(evaluator.evaluate(trained.parameters(), DATA).loss(), within(1e-6));
    }
    assertThat(surface.centreLoss()).isCloseTo(reference, within(1e-5 * reference));
    // The path ends at the final weights: the origin of the plane.
    TrajectoryPlane plane = surface.plane();
    assertThat(plane.xCoordinates()[6]).isZero();
    assertThat(plane.yCoordinates()[6]).isZero();
  }

  @Test
  void everyGridPointIsThePlainJavaLossOfThatPointOfThePlane() {
    DirectionPair directions = surface.plane().directions(surface.window());
    double[] c = surface.grid().spec().coordinates();
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        Parameters point =
            trained.parameters().plus(c[i], directions.d1()).plus(c[j], directions.d2());
        double reference = ReferenceMlp.loss(point, DATA);
        assertThat(surface.grid().loss()[i][j])
            .as("loss at grid point (%d, %d)", i, j)
            .isCloseTo(reference, within(1e-5 * reference));
      }
    }
  }

  @Test
  void theAxesAreInPlaneUnitsAndHoldThePath() {
    double[] x = surface.xAxis();
    double[] y = surface.yAxis();
    assertThat(x).hasSize(5);
    assertThat(x[2]).isZero();
    assertThat(y[2]).isZero();
    assertThat(x[4]).isCloseTo(surface.window().xHalfWidth(), within(1e-12));
    assertThat(y[0]).isCloseTo(-surface.window().yHalfWidth(), within(1e-12));
    for (double px : surface.plane().xCoordinates()) {
      assertThat(Math.abs(px)).isLessThanOrEqualTo(x[4] / 1.25 + 1e-12);
    }
    for (double py : surface.plane().yCoordinates()) {
      assertThat(Math.abs(py)).isLessThanOrEqualTo(y[4] / 1.25 + 1e-12);
    }
    // The first principal direction carries most of a gradient-descent path's variance.
    assertThat(surface.plane().explainedVarianceRatios()[0]).isGreaterThan(0.5);
  }
}
