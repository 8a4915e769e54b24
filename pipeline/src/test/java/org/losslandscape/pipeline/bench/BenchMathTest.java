package org.losslandscape.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.MlpArchitecture;

class BenchMathTest {

  @Test
  void timingMinAndMedianForOddAndEvenCounts() {
    Timing odd = new Timing(List.of(3.0, 1.0, 2.0));
    assertThat(odd.min()).isEqualTo(1.0);
    assertThat(odd.median()).isEqualTo(2.0);
    Timing even = new Timing(List.of(4.0, 1.0, 3.0, 2.0));
    assertThat(even.median()).isEqualTo(2.5);
    assertThat(odd.seconds()).containsExactly(3.0, 1.0, 2.0); // measuring order kept
    assertThatThrownBy(() -> new Timing(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flopModelOfTheDefaultNetwork() {
    MlpArchitecture net = MlpArchitecture.fashionMnistDefault();
    // 2 x (784 x 128 + 128 x 64 + 64 x 10) = 2 x 109,184
    assertThat(FlopModel.denseForwardPerExample(net)).isEqualTo(218_368);
    assertThat(FlopModel.fullForward(net, 961, 10_000)).isEqualTo(218_368.0 * 961 * 10_000);
    // P, Q, R: 2 x 784 x 384 per sample; per point and sample 2 x 2 x 128 + 2 x (8,192 + 640);
    // per point the weight build 2 x 2 x ((8,192 + 64) + (640 + 10)).
    double expected =
        2.0 * 784 * 384 * 10_000 + (512.0 + 17_664) * 961 * 10_000 + 4.0 * (8_256 + 650) * 961;
    assertThat(FlopModel.decomposed(net, 961, 10_000)).isCloseTo(expected, within(1.0));
    assertThat(FlopModel.squareMatMul(2048)).isEqualTo(2.0 * 2048 * 2048 * 2048);
  }

  @Test
  void differenceOfTwoLandscapes() {
    GridSpec spec = new GridSpec(3, -1, 1);
    double[][] loss = {{1, 2, 4}, {1, 0.5, 1}, {2, 2, 2}};
    double[][] acc = {{0.5, 0.5, 0.5}, {0.5, 0.9, 0.5}, {0.5, 0.5, 0.5}};
    double[][] loss2 = {{1, 2, 4.4}, {1, 0.5, 1}, {2, 2.1, 2}};
    double[][] acc2 = {{0.5, 0.5, 0.5}, {0.5, 0.8, 0.5}, {0.5, 0.5, 0.5}};
    LandscapeBenchmark.Difference d =
        LandscapeBenchmark.Difference.of(
            new LandscapeGrid(spec, loss2, acc2, 10), new LandscapeGrid(spec, loss, acc, 10));
    assertThat(d.maxAbsLoss()).isCloseTo(0.4, within(1e-12));
    assertThat(d.maxRelLoss()).isCloseTo(0.1, within(1e-12));
    assertThat(d.accuracyMismatches()).isEqualTo(1);
    assertThat(d.maxAbsAccuracy()).isCloseTo(0.1, within(1e-12));
  }
}
