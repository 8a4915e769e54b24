package org.losslandscape.pipeline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.losslandscape.models.training.StepTiming;

/**
 * The results of one {@code bench} run and their Markdown rendering (ready to paste into the
 * README).
 *
 * @param title what was measured, e.g. the network, grid and samples
 * @param gridSize points per axis of the benchmark grid
 * @param landscapes the timed evaluators, in report order
 * @param reference name of the evaluator the speed-up column is relative to
 * @param matMulSize side of the square matrix product timed as the machine's practical peak
 * @param matMul its timing
 * @param checks free-text lines comparing evaluators' results (differences, errors)
 * @param steps training-step timings per batch size (empty if not measured)
 * @param notes further lines (FLOP model, training, machine load)
 * @param command the exact command line
 */
public record BenchReport(
    String title,
    int gridSize,
    List<LandscapeBenchmark.Measured> landscapes,
    String reference,
    int matMulSize,
    Timing matMul,
    List<String> checks,
    List<List<StepTiming>> steps,
    List<String> notes,
    String command) {

  public BenchReport {
    landscapes = List.copyOf(landscapes);
    checks = List.copyOf(checks);
    steps = steps.stream().map(List::copyOf).toList();
    notes = List.copyOf(notes);
  }

  /** Executed GFLOP/s of the matrix product, from its median time. */
  public double peakGflops() {
    return FlopModel.squareMatMul(matMulSize) / matMul.median() / 1e9;
  }

  /** The report as Markdown. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### Landscape evaluation: ").append(title).append("\n\n");
    md.append("| Evaluator | Grid timed | Min s | Median s | Median s per ")
        .append(gridSize)
        .append('x')
        .append(gridSize)
        .append(" | Point·samples/s | GFLOP/s | % of MatMul peak | ")
        .append(reference)
        .append(" speed-up |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    Optional<LandscapeBenchmark.Measured> ref =
        landscapes.stream().filter(m -> m.candidate().name().equals(reference)).findFirst();
    long fullPoints = (long) gridSize * gridSize;
    for (LandscapeBenchmark.Measured m : landscapes) {
      int n = m.candidate().grid().size();
      boolean scaled = m.points() != fullPoints;
      double perFullGrid = m.timing().median() * fullPoints / m.points();
      md.append("| ")
          .append(m.candidate().name())
          .append(" | ")
          .append(n)
          .append('x')
          .append(n)
          .append(" (")
          .append(m.points())
          .append(" points)")
          .append(" | ")
          .append(f("%.3f", m.timing().min()))
          .append(" | ")
          .append(f("%.3f", m.timing().median()))
          .append(" | ")
          .append(f("%.2f", perFullGrid))
          .append(scaled ? " (scaled)" : "")
          .append(" | ")
          .append(f("%.3g", m.pointSamplesPerSecond()))
          .append(" | ")
          .append(f("%.1f", m.gflops()))
          .append(" | ")
          .append(f("%.0f%%", 100 * m.gflops() / peakGflops()))
          .append(" | ")
          .append(
              ref.map(r -> f("%.1fx", r.pointSamplesPerSecond() / m.pointSamplesPerSecond()))
                  .orElse("n/a"))
          .append(" |\n");
    }
    md.append('\n');
    md.append(
        f(
            "- MatMul %dx%d float32 through TensorFlow (the practical peak): %.0f GFLOP/s (median"
                + " of %d runs, best %.0f).%n",
            matMulSize,
            matMulSize,
            peakGflops(),
            matMul.seconds().size(),
            FlopModel.squareMatMul(matMulSize) / matMul.min() / 1e9));
    checks.forEach(line -> md.append("- ").append(line).append('\n'));
    if (!steps.isEmpty()) {
      md.append(
          "\n### Training steps (SGD, training set in the graph, minibatch fed as indices)\n\n");
      md.append("| Batch | Min ms/step | Median ms/step | Steps/s | Examples/s |\n");
      md.append("|---:|---:|---:|---:|---:|\n");
      for (List<StepTiming> timings : steps) {
        Timing perStep = new Timing(timings.stream().map(StepTiming::millisPerStep).toList());
        int batch = timings.get(0).batchSize();
        md.append("| ")
            .append(batch)
            .append(" | ")
            .append(f("%.3f", perStep.min()))
            .append(" | ")
            .append(f("%.3f", perStep.median()))
            .append(" | ")
            .append(f("%.0f", 1000 / perStep.median()))
            .append(" | ")
            .append(f("%.0f", 1000 * batch / perStep.median()))
            .append(" |\n");
      }
    }
    md.append('\n');
    notes.forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("\nCommand:\n\n```\n").append(command).append("\n```\n");
    return md.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
