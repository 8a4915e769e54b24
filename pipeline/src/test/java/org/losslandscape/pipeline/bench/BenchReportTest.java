package org.losslandscape.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
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
            List.of(),
            List.of(
                row(Optimizer.sgd(), 32, 1, 0.5, 0.6, 0.4), // median 0.5 ms
                row(Optimizer.sgd(), 32, 8, 0.25, 0.2, 0.3), // median 0.25 ms: 2x
                row(Optimizer.sam(0.05), 32, 8, 0.5, 0.5, 0.5)), // 2x SGD's cost: 0.5x
            List.of(
                new MeasureBenchmark.Row(
                    "Hessian-vector product", new Timing(List.of(0.08, 0.1, 0.09)), 1),
                new MeasureBenchmark.Row("top 3 eigenvalues", new Timing(List.of(1.2)), 16)),
            List.of(),
            "bench");
    String md = report.markdown();
    assertThat(md).contains("| sgd | 32 | 1 | 0.400 | 0.500 | 2000 | – | – |");
    assertThat(md).contains("| sgd | 32 | 8 | 0.200 | 0.250 | 4000 | 2.00x | – |");
    assertThat(md).contains("| sam | 32 | 8 | 0.500 | 0.500 | 2000 | – | 0.50x |");
    assertThat(md).contains("| top 3 eigenvalues | 1.200 | 16 |");
    assertThat(md).contains("Hessian-vector products per second: 11.1 (median of 3).");
  }
}
