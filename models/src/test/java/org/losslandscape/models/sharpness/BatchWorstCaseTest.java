package org.losslandscape.models.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.curvature.Objective;
import org.losslandscape.models.curvature.ValueAndGradient;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.RandomDirectionsTest;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

/** m-sharpness against per-batch searches on a separate double-precision network per batch. */
class BatchWorstCaseTest {

  private final MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
  private final LabeledData data = TinyProblems.gaussianBlobs(50, 5, 3, 21);
  private final ParameterLayout layout = new ParameterLayout(net);
  private final double[] theta =
      layout.flatten(RandomDirectionsTest.withBiases(Initialization.HE.initialize(net, 19)));
  private final WorstCaseDefinition sam = new WorstCaseDefinition.L2Ball(0.05);

  /** The loss of one batch, from the double-precision reference network over that batch alone. */
  private static Objective reference(MlpArchitecture net, LabeledData batch) {
    DoubleMlp mlp = new DoubleMlp(net, batch);
    return new Objective() {
      @Override
      public int dimension() {
        return mlp.dimension();
      }

      @Override
      public double value(double[] point) {
        return mlp.loss(point);
      }

      @Override
      public ValueAndGradient valueAndGradient(double[] point) {
        return new ValueAndGradient(mlp.loss(point), mlp.gradient(point));
      }
    };
  }

  @Test
  void eachBatchIsSearchedOnItsOwnSamplesAndTheLastPartialBatchIsLeftOut() {
    // 50 samples in batches of 16: three full batches, the last 2 samples left out.
    AscentSettings ascent = AscentSettings.defaults();
    BatchWorstCase m;
    try (DifferentiableLoss batches =
        new DifferentiableLoss(net, data, ExecutionSettings.cpu(), 16)) {
      m = BatchWorstCase.measure(batches, 16, theta, sam, ascent);
    }
    assertThat(m.batchSize()).isEqualTo(16);
    assertThat(m.perBatch()).hasSize(3);
    double mean = 0;
    for (int b = 0; b < 3; b++) {
      WorstCaseSharpness expected =
          WorstCaseSharpness.measure(
              reference(net, data.range(16 * b, 16 * (b + 1))), layout, theta, sam, ascent);
      assertThat(m.perBatch()[b])
          .as("batch %d", b)
          .isCloseTo(expected.value(), within(1e-4 * Math.max(1e-3, expected.value())));
      mean += m.perBatch()[b] / 3;
    }
    assertThat(m.value()).isCloseTo(mean, within(1e-15));
    assertThat(m.interval().n()).isEqualTo(3);
    assertThat(m.convergedBatches()).isBetween(0, 3);
  }

  @Test
  void oneBatchOfAllTheSamplesIsTheFullSetsWorstCase() {
    AscentSettings ascent = AscentSettings.defaults();
    try (DifferentiableLoss all = new DifferentiableLoss(net, data, ExecutionSettings.cpu(), 50)) {
      BatchWorstCase m = BatchWorstCase.measure(all, 50, theta, sam, ascent);
      assertThat(m.perBatch()).hasSize(1);
      assertThat(m.value()).isEqualTo(WorstCaseSharpness.measure(all, theta, sam, ascent).value());
    }
  }

  @Test
  void fewerSamplesThanABatchIsRefused() {
    try (DifferentiableLoss loss =
        new DifferentiableLoss(net, data.range(0, 10), ExecutionSettings.cpu(), 16)) {
      assertThatThrownBy(
              () -> BatchWorstCase.measure(loss, 16, theta, sam, AscentSettings.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("m-sharpness with m = 16 needs at least 16 samples, the loss has 10");
    }
  }
}
