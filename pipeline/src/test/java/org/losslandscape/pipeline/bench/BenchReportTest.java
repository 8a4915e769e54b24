package org.losslandscape.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.network.BuiltInNetworks;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.models.training.StepTiming;

/** The training-step and measure tables, and the ratios they print, on hand-made timings. */
class BenchReportTest {

  private static TrainingStepBenchmark.Row row(
      Optimizer optimizer, int batch, int perRun, double... millis) {
    List<StepTiming> timings =
        java.util.Arrays.stream(millis)
            .mapToObj(ms -> new StepTiming(batch, perRun, 1000, ms))
            .toList();
    return new TrainingStepBenchmark.Row(
        new TrainingStepBenchmark.Case(optimizer, batch, perRun), timings);
  }

  @Test
  void stepTableShowsSpeedUpsOverOneStepPerRunAndSamsCost() {
    BenchReport report =
        new BenchReport(
            "t",
            5,
            List.of(),
            "decomposed",
            64,
            new Timing(List.of(0.001)),
            1,
            0.5,
            List.of(),
            List.of(
                row(Optimizer.sgd(), 32, 1, 0.5, 0.6, 0.4), // median 0.5 ms
                row(Optimizer.sgd(), 32, 8, 0.25, 0.2, 0.3), // median 0.25 ms: 2x
                row(Optimizer.sam(0.05), 32, 8, 0.5, 0.5, 0.5)), // 2x SGD's cost: 0.5x
            List.of(),
            0,
            List.of(
                // Peak 2 x 64^3 FLOP in 1 ms = 0.524 GFLOP/s; half of it for 0.09 s per call.
                new MeasureBenchmark.Row(
                    "Hessian-vector product",
                    new Timing(List.of(0.08, 0.1, 0.09)),
                    1,
                    0.09 * 2.0 * 64 * 64 * 64 / 0.001 / 2),
                new MeasureBenchmark.Row("top 3 eigenvalues", new Timing(List.of(1.2)), 16)),
            List.of(),
            List.of(),
            "bench");
    String md = report.markdown();
    assertThat(md).contains("| sgd | 32 | 1 | 0.400 | 0.500 | 2000 | – | – |");
    assertThat(md).contains("| sgd | 32 | 8 | 0.200 | 0.250 | 4000 | 2.00x | – |");
    assertThat(md).contains("| sam | 32 | 8 | 0.500 | 0.500 | 2000 | – | 0.50x |");
    assertThat(md).contains("| top 3 eigenvalues | 1.200 | 16 | – | – |");
    assertThat(md).contains("| Hessian-vector product | 0.090 | 1 | 0.3 | 50% |");
    assertThat(md).contains("Hessian-vector products per second: 11.1 (median of 3).");
  }

  private static StackedTrainingBenchmark.Row stacked(
      int batch, int models, int lanes, double... seconds) {
    List<StepTiming> timings =
        java.util.Arrays.stream(seconds).mapToObj(s -> new StepTiming(batch, 8, 1000, s)).toList();
    return new StackedTrainingBenchmark.Row(
        new StackedTrainingBenchmark.Case(batch, models, lanes), timings);
  }

  @Test
  void stackedTableShowsModelStepsPerSecondTheGainOverOneModelAloneAndTheFloor() {
    // Peak: 2 x 100^3 FLOP in 1 ms = 2 GFLOP/s; 1000 FLOP per example and model, so the floor of
    // a batch-32 step is 0.016 ms per model.
    BenchReport report =
        new BenchReport(
            "t",
            5,
            List.of(),
            "decomposed",
            100,
            new Timing(List.of(0.001)),
            2,
            4.0, // both lanes together: twice one lane's peak
            List.of(),
            List.of(),
            List.of(
                stacked(32, 0, 1, 0.4, 0.5, 0.3), // alone: median 0.4 ms, 2500 model-steps/s
                stacked(32, 1, 2, 0.5, 0.5, 0.5), // one model: one stack on one lane
                stacked(32, 10, 1, 3.2, 3.4, 3.0), // 3125 model-steps/s on one lane: 1.25x
                stacked(32, 10, 2, 1.6, 1.7, 1.5)), // 6250 model-steps/s on two lanes: 2.5x
            1000,
            List.of(),
            List.of(),
            List.of(),
            "bench");
    String md = report.markdown();
    assertThat(md)
        .contains(
            "| 32 | 1 alone (single-model path) | 0.300 | 0.400 | 2500 | – | 0.016 | 62500 | 4% |");
    assertThat(md)
        .contains("| 32 | 1 in 1 stack | 0.500 | 0.500 | 2000 | 0.80x | 0.016 | 62500 | 3% |");
    assertThat(md)
        .contains("| 32 | 10 in 1 stack | 3.000 | 3.200 | 3125 | 1.25x | 0.160 | 62500 | 5% |");
    // On two lanes the floor halves: the peak is both lanes'.
    assertThat(md)
        .contains(
            "| 32 | 10 in 2 stacks on 2 lanes | 1.500 | 1.600 | 6250 | 2.50x | 0.080 | 125000 |"
                + " 5% |");
  }

  private static LandscapeBenchmark.Measured measured(String name, GridSpec grid, double seconds) {
    double[][] zeros = new double[grid.size()][grid.size()];
    return new LandscapeBenchmark.Measured(
        new LandscapeBenchmark.Candidate(name, null, grid, 1e9),
        new Timing(List.of(seconds)),
        new LandscapeGrid(grid, zeros, zeros, 1000),
        1000);
  }

  @Test
  void networkTableShowsTheSpeedUpOfSharingBesideItsCeiling() {
    GridSpec grid = new GridSpec(11, -1, 1);
    var lenet =
        new LayeredNetwork("lenet", BuiltInNetworks.lenet(10), new InputShape(28, 28, 1), 10);
    var row =
        new NetworkLandscapeBenchmark.Row(
            new NetworkLandscapeBenchmark.Case(lenet, grid, 1000),
            0.28,
            measured("shared", grid, 1.0),
            measured("per point", grid, 1.3),
            new LandscapeBenchmark.Difference(1e-6, 1e-7, 0, 0));
    BenchReport report =
        new BenchReport(
            "t",
            5,
            List.of(),
            "decomposed",
            100,
            new Timing(List.of(0.001)),
            1,
            2.0,
            List.of(),
            List.of(),
            List.of(),
            1000,
            List.of(),
            List.of(row),
            List.of(),
            "bench");
    // Ceiling: 1 / (1 - 0.28 x (1 - 3/11)) = 1.2557.
    assertThat(report.markdown())
        .contains(
            "| lenet | 11x11 x 1,000 | 25, 28.0% | 1.000 | 1.300 | 1.30x | 1.26x | per point |"
                + " 1.0e-06 |");
  }
}
