package org.losslandscape.models.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

class MlpForwardPassTest {

  private final MlpArchitecture tiny = new MlpArchitecture(5, List.of(4, 3), 3);

  @Test
  void tensorflowLossAndAccuracyMatchThePlainJavaReference() {
    Parameters p = randomBiases(Initialization.HE.initialize(tiny, 7));
    LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 11);
    try (MlpEvaluator evaluator = new MlpEvaluator(tiny, ExecutionSettings.cpu())) {
      Metrics m = evaluator.evaluate(p, data);
      assertThat(m.loss()).isCloseTo(ReferenceMlp.loss(p, data), within(1e-5));
      assertThat(m.accuracy()).isEqualTo(ReferenceMlp.accuracy(p, data));
      assertThat(m.samples()).isEqualTo(40);
    }
  }

  @Test
  void evaluationOverManyChunksEqualsOneChunk() {
    MlpArchitecture net = new MlpArchitecture(3, List.of(4), 2);
    Parameters p = Initialization.GLOROT.initialize(net, 3);
    LabeledData data = TinyProblems.gaussianBlobs(25_001, 3, 2, 5); // crosses the 10k chunk size
    try (MlpEvaluator evaluator = new MlpEvaluator(net, ExecutionSettings.cpu())) {
      Metrics all = evaluator.evaluate(p, data);
      Metrics head = evaluator.evaluate(p, data.range(0, 10_000));
      Metrics tail = evaluator.evaluate(p, data.range(10_000, 25_001));
      assertThat(all.loss())
          .isCloseTo((head.loss() * 10_000 + tail.loss() * 15_001) / 25_001, within(1e-6));
      assertThat(all.loss()).isCloseTo(ReferenceMlp.loss(p, data), within(1e-5));
    }
  }

  @Test
  void seededInitializationIsRepeatableAndScaled() {
    Parameters a = Initialization.HE.initialize(MlpArchitecture.fashionMnistDefault(), 42);
    Parameters b = Initialization.HE.initialize(MlpArchitecture.fashionMnistDefault(), 42);
    assertThat(a).isEqualTo(b);
    // He: each kernel entry has variance 2 / fan_in, so the kernel norm^2 ~ 2 * fan_out.
    double norm = a.kernel(0).norm();
    assertThat(norm * norm).isCloseTo(2 * 128, within(2 * 128 * 0.05));
    assertThat(a.bias(0).norm()).isZero();
    assertThat(a.architecture().parameterCount())
        .isEqualTo(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
  }

  @Test
  void glorotDrawsUniformlyWithinItsLimit() {
    Parameters g = Initialization.GLOROT.initialize(MlpArchitecture.fashionMnistDefault(), 1);
    double limit = Math.sqrt(6.0 / (784 + 128));
    float[] w = g.kernel(0).values();
    double sumSquares = 0;
    for (float v : w) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo((float) limit);
      sumSquares += v * v;
    }
    // U(-l, l) has variance l^2 / 3.
    assertThat(sumSquares / w.length)
        .isCloseTo(limit * limit / 3, within(limit * limit / 3 * 0.02));
  }

  @Test
  void tiedLogitsDoNotCountAsCorrect() {
    // All-zero weights and biases: every logit is 0 for every input, a tie everywhere.
    Parameters zeros = Parameters.zeros(tiny);
    LabeledData data = TinyProblems.gaussianBlobs(20, 5, 3, 2);
    try (MlpEvaluator evaluator = new MlpEvaluator(tiny, ExecutionSettings.cpu())) {
      Metrics m = evaluator.evaluate(zeros, data);
      assertThat(m.accuracy()).isZero();
      assertThat(m.loss()).isCloseTo(Math.log(3), within(1e-6));
    }
  }

  static Parameters randomBiases(Parameters p) {
    java.util.Random random = new java.util.Random(1);
    Parameters d = Parameters.zeros(p.architecture());
    for (Parameter t : d.tensors()) {
      if (!t.isKernel()) {
        for (int i = 0; i < t.size(); i++) {
          t.values()[i] = (float) random.nextGaussian();
        }
      }
    }
    return p.plus(0.3, d);
  }
}
