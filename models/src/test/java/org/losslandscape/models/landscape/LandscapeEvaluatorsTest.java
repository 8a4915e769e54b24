package org.losslandscape.models.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

class LandscapeEvaluatorsTest {

  private final ExecutionSettings cpu = ExecutionSettings.cpu();
  private final MlpArchitecture net = new MlpArchitecture(6, List.of(7, 5), 4);
  // Non-zero biases, so that the bias directions of --include-bias are exercised.
  private final Parameters theta =
      org.losslandscape.models.directions.RandomDirectionsTest.withBiases(
          Initialization.HE.initialize(net, 3));
  private final LabeledData data = TinyProblems.gaussianBlobs(90, 6, 4, 8);
  private final GridSpec grid = new GridSpec(5, -1, 1);

  @Test
  void rowBatchedEqualsPerPointEqualsPlainJavaReference() {
    for (boolean includeBias : new boolean[] {false, true}) {
      DirectionPair dirs =
          RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, includeBias, 2));
      LandscapeGrid batched =
          new RowBatchedLandscapeEvaluator(cpu)
              .evaluate(theta, dirs, grid, data, LandscapeEvaluator.RowProgress.NONE);
      LandscapeGrid pointwise =
          new PointwiseLandscapeEvaluator(cpu)
              .evaluate(theta, dirs, grid, data, LandscapeEvaluator.RowProgress.NONE);
      double[] c = grid.coordinates();
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c.length; j++) {
          Parameters point = theta.plus(c[i], dirs.d1()).plus(c[j], dirs.d2());
          double reference = ReferenceMlp.loss(point, data);
          assertThat(batched.loss()[i][j])
              .isCloseTo(pointwise.loss()[i][j], within(1e-5 * reference));
          assertThat(batched.loss()[i][j]).isCloseTo(reference, within(1e-5 * reference));
          assertThat(batched.accuracy()[i][j]).isEqualTo(pointwise.accuracy()[i][j]);
          assertThat(batched.accuracy()[i][j]).isEqualTo(ReferenceMlp.accuracy(point, data));
        }
      }
    }
  }

  @Test
  void centreOfTheSliceIsTheTrainedLoss() {
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 2));
    LandscapeGrid g =
        new RowBatchedLandscapeEvaluator(cpu)
            .evaluate(
                theta, dirs, new GridSpec(7, -0.5, 0.5), data, LandscapeEvaluator.RowProgress.NONE);
    try (MlpEvaluator evaluator = new MlpEvaluator(net, cpu)) {
      assertThat(g.centreLoss()).isCloseTo(evaluator.evaluate(theta, data).loss(), within(1e-6));
    }
    assertThat(g.minLoss()).isLessThanOrEqualTo(g.centreLoss());
    assertThat(g.maxLoss()).isGreaterThan(g.centreLoss());
  }

  @Test
  void sampleChunkingDoesNotChangeTheResult() {
    // 5 points x 7 widest x 4 bytes = 140 bytes per sample: a 1,400-byte budget means chunks of 10.
    assertThat(RowBatchedLandscapeEvaluator.chunkSize(net, 5, data.count(), 1_400)).isEqualTo(10);
    assertThat(RowBatchedLandscapeEvaluator.chunkSize(net, 5, data.count(), 1L << 30))
        .isEqualTo(data.count());
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 2));
    LandscapeGrid whole =
        new RowBatchedLandscapeEvaluator(cpu)
            .evaluate(theta, dirs, grid, data, LandscapeEvaluator.RowProgress.NONE);
    LandscapeGrid chunked =
        new RowBatchedLandscapeEvaluator(cpu, 1_400)
            .evaluate(theta, dirs, grid, data, LandscapeEvaluator.RowProgress.NONE);
    for (int i = 0; i < grid.size(); i++) {
      for (int j = 0; j < grid.size(); j++) {
        assertThat(chunked.loss()[i][j])
            .isCloseTo(whole.loss()[i][j], within(1e-6 * whole.loss()[i][j]));
        assertThat(chunked.accuracy()[i][j]).isEqualTo(whole.accuracy()[i][j]);
      }
    }
  }

  @Test
  void progressIsReportedOncePerRow() {
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 2));
    List<Integer> rows = new java.util.ArrayList<>();
    new RowBatchedLandscapeEvaluator(cpu)
        .evaluate(theta, dirs, grid, data, (done, total) -> rows.add(done));
    assertThat(rows).containsExactly(1, 2, 3, 4, 5);
  }
}
