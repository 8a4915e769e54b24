package org.losslandscape.pipeline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.losslandscape.models.landscape.NetworkLandscapeEvaluator;

/**
 * The results of one {@code bench} run and their Markdown rendering (ready to paste into
 * results/README.md, "Speed").
 *
 * @param title what was measured, e.g. the network, grid and samples
 * @param gridSize points per axis of the benchmark grid
 * @param landscapes the timed evaluators, in report order
 * @param reference name of the evaluator the speed-up column is relative to
 * @param matMulSize side of the square matrix product timed as the machine's practical peak
 * @param matMul its timing (one session, one lane)
 * @param lanes the lanes of the run
 * @param lanesPeakGflops the MatMul's GFLOP/s with every lane running one at once
 * @param checks free-text lines comparing evaluators' results (differences, errors)
 * @param steps training-step timings per case (empty if not measured)
 * @param stacked stacked-training timings per case, one model alone included (empty if not
 *     measured)
 * @param trainingFlopsPerExample FLOP of one training step per example (the floor's numerator)
 * @param measures the measures' timings on one model (empty if not measured)
 * @param networks convolutional networks' slices, first layer shared against per point (empty if
 *     not measured)
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
    int lanes,
    double lanesPeakGflops,
    List<String> checks,
    List<TrainingStepBenchmark.Row> steps,
    List<StackedTrainingBenchmark.Row> stacked,
    long trainingFlopsPerExample,
    List<MeasureBenchmark.Row> measures,
    List<NetworkLandscapeBenchmark.Row> networks,
    List<String> notes,
    String command) {

  public BenchReport {
    landscapes = List.copyOf(landscapes);
    checks = List.copyOf(checks);
    steps = List.copyOf(steps);
    stacked = List.copyOf(stacked);
    measures = List.copyOf(measures);
    networks = List.copyOf(networks);
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
      double perFullGrid = m.medianPerSlice() * fullPoints / m.points();
      int slices = m.candidate().slices();
      md.append("| ")
          .append(m.candidate().name())
          .append(" | ")
          .append(n)
          .append('x')
          .append(n)
          .append(" (")
          .append(m.points())
          .append(" points)")
          .append(slices > 1 ? " x " + slices : "")
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
          .append(
              f(
                  "%.0f%%",
                  100 * m.gflops() / (m.candidate().lanes() > 1 ? lanesPeakGflops : peakGflops())))
          .append(" | ")
          .append(
              ref.map(r -> f("%.1fx", r.pointSamplesPerSecond() / m.pointSamplesPerSecond()))
                  .orElse("n/a"))
          .append(" |\n");
    }
    md.append('\n');
    md.append(
        f(
            "- MatMul %dx%d float32 through TensorFlow (the practical peak of one lane): %.0f"
                + " GFLOP/s (median of %d runs, best %.0f); with all %d lanes at once: %.0f"
                + " GFLOP/s, the peak that rows on several lanes are compared with.%n",
            matMulSize,
            matMulSize,
            peakGflops(),
            matMul.seconds().size(),
            FlopModel.squareMatMul(matMulSize) / matMul.min() / 1e9,
            lanes,
            lanesPeakGflops));
    md.append(
        "- Time per slice (\"Median s per grid\") divides a multi-slice row's time by its"
            + " slices; GFLOP/s and % of peak are per slice and lane set.\n");
    checks.forEach(line -> md.append("- ").append(line).append('\n'));
    if (!steps.isEmpty()) {
      md.append("\n### Training steps (training set in the graph, minibatches fed as indices)\n\n");
      md.append(
          "| Optimizer | Batch | Steps per Session.run | Min ms/step | Median ms/step | Steps/s"
              + " | vs 1 step per run | vs SGD |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (TrainingStepBenchmark.Row row : steps) {
        TrainingStepBenchmark.Case c = row.benchCase();
        Timing perStep = row.millisPerStep();
        md.append("| ")
            .append(c.optimizerName())
            .append(" | ")
            .append(c.batchSize())
            .append(" | ")
            .append(c.stepsPerRun())
            .append(" | ")
            .append(f("%.3f", perStep.min()))
            .append(" | ")
            .append(f("%.3f", perStep.median()))
            .append(" | ")
            .append(f("%.0f", 1000 / perStep.median()))
            .append(" | ")
            .append(ratio(row, r -> sameExcept(r, c, true)))
            .append(" | ")
            .append(ratio(row, r -> sameExcept(r, c, false)))
            .append(" |\n");
      }
      md.append(
          "\n\"vs 1 step per run\" is the speed-up of the median step over the same optimizer and"
              + " batch run one step per Session.run; \"vs SGD\" is the cost of a step relative to"
              + " SGD's at the same batch and steps per run (SAM and ASAM take two gradients).\n");
    }
    if (!stacked.isEmpty()) {
      appendStacked(md);
    }
    if (!measures.isEmpty()) {
      md.append("\n### Measures on one model (the study's settings)\n\n");
      md.append(
          "| Measure | Seconds | Gradient or Hessian-vector evaluations | GFLOP/s | % of MatMul"
              + " peak |\n");
      md.append("|---|---:|---:|---:|---:|\n");
      for (MeasureBenchmark.Row row : measures) {
        double gflops =
            row.flopsPerCall() > 0 ? row.flopsPerCall() / row.timing().median() / 1e9 : 0;
        md.append("| ")
            .append(row.name())
            .append(" | ")
            .append(f("%.3f", row.timing().median()))
            .append(" | ")
            .append(row.calls())
            .append(" | ")
            .append(gflops > 0 ? f("%.1f", gflops) : "–")
            .append(" | ")
            .append(gflops > 0 ? f("%.0f%%", 100 * gflops / peakGflops()) : "–")
            .append(" |\n");
      }
      md.append(
          "\nGFLOP/s of the primitives count their matrix products (loss: the forward pass;"
              + " gradient: the training step's products; Hessian-vector product: twice the"
              + " gradient's) on one lane, against the one-lane MatMul peak: a primitive near the"
              + " peak leaves little for stacking the measures of several models to gain on this"
              + " CPU.\n");
      measures.stream()
          .filter(r -> r.name().equals("Hessian-vector product"))
          .findFirst()
          .ifPresent(
              r ->
                  md.append(
                      f(
                          "%nHessian-vector products per second: %.1f (median of %d).%n",
                          1 / r.timing().median(), r.timing().seconds().size())));
    }
    if (!networks.isEmpty()) {
      appendNetworks(md);
    }
    md.append('\n');
    notes.forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("\nCommand:\n\n```\n").append(command).append("\n```\n");
    return md.toString();
  }

  /**
   * The convolutional networks' table: per network, the slice with the first layer shared and run
   * per point, the speed-up beside the one multiply-adds allow, and how far the two slices differ.
   */
  private void appendNetworks(StringBuilder md) {
    md.append("\n### Landscape of a CNN: first layer shared between points or run at each\n\n");
    md.append(
        "| Network | Grid x samples | First layer: multiply-adds per output, share of the pass |"
            + " Shared, median s | Per point, median s | Speed-up | Ceiling from multiply-adds |"
            + " Default uses | Max abs loss difference |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---|---:|\n");
    for (NetworkLandscapeBenchmark.Row row : networks) {
      NetworkLandscapeBenchmark.Case c = row.benchCase();
      md.append("| ")
          .append(c.network())
          .append(" | ")
          .append(c.grid().size())
          .append('x')
          .append(c.grid().size())
          .append(" x ")
          .append(f("%,d", row.shared().samples()))
          .append(" | ")
          .append(
              c.network().linearFirstLayer().map(l -> l.multiplyAddsPerOutput() + ", ").orElse(""))
          .append(f("%.1f%%", 100 * row.firstLayerShare()))
          .append(" | ")
          .append(f("%.3f", row.shared().medianPerSlice()))
          .append(" | ")
          .append(f("%.3f", row.perPoint().medianPerSlice()))
          .append(" | ")
          .append(f("%.2fx", row.speedUp()))
          .append(" | ")
          .append(f("%.2fx", row.ceiling()))
          .append(" | ")
          .append(row.sharedByDefault() ? "shared" : "per point")
          .append(" | ")
          .append(f("%.1e", row.difference().maxAbsLoss()))
          .append(" |\n");
    }
    md.append(
        "\nHe-initialized weights, filter-normalized directions, one grid row per run. Sharing"
            + " computes the first layer 3 times per run (centre and both directions) instead of"
            + " once per point; the ceiling is the speed-up if time followed multiply-adds. The"
            + " rest of a CNN is not linear in its weights, so its cost stays; and combining the"
            + " three products costs a few passes over the layer's output per point, so sharing"
            + " pays only for layers with many multiply-adds per output (the default shares from "
            + NetworkLandscapeEvaluator.SHARING_MIN_MULTIPLY_ADDS
            + ").\n");
  }

  /**
   * The stacked-training table: per batch size, one model alone and each stack, with the compute
   * floor (the step's matrix-product FLOP at the measured MatMul peak) beside each row.
   */
  private void appendStacked(StringBuilder md) {
    md.append("\n### Stacked training: M models in one graph (SGD, lr 0.1)\n\n");
    md.append(
        "| Batch | Models | Min ms/step | Median ms/step | Model-steps/s | vs 1 alone | Floor"
            + " ms/step | Floor model-steps/s | % of floor |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (StackedTrainingBenchmark.Row row : stacked) {
      StackedTrainingBenchmark.Case c = row.benchCase();
      double peak = (c.stacks() > 1 ? lanesPeakGflops : peakGflops()) * 1e9;
      Timing perStep = row.millisPerStep();
      double floorMs = 1000.0 * trainingFlopsPerExample * c.batchSize() * c.modelsPerStep() / peak;
      Optional<StackedTrainingBenchmark.Row> alone =
          stacked.stream()
              .filter(r -> r.benchCase().alone() && r.benchCase().batchSize() == c.batchSize())
              .findFirst();
      md.append("| ")
          .append(c.batchSize())
          .append(" | ")
          .append(c.label())
          .append(" | ")
          .append(f("%.3f", perStep.min()))
          .append(" | ")
          .append(f("%.3f", perStep.median()))
          .append(" | ")
          .append(f("%.0f", row.modelStepsPerSecond()))
          .append(" | ")
          .append(
              alone
                  .filter(a -> a != row)
                  .map(a -> f("%.2fx", row.modelStepsPerSecond() / a.modelStepsPerSecond()))
                  .orElse("–"))
          .append(" | ")
          .append(f("%.3f", floorMs))
          .append(" | ")
          .append(f("%.0f", 1000.0 * c.modelsPerStep() / floorMs))
          .append(" | ")
          .append(f("%.0f%%", 100 * floorMs / perStep.median()))
          .append(" |\n");
    }
    md.append(
        f(
            "%n\"vs 1 alone\" is model-steps per second relative to one model on the single-model"
                + " path at the same batch (its default %d steps per run; the stacks use the same"
                + " chain length). The floor is the step's matrix-product FLOP (%,d per example and"
                + " model: forward, kernel gradients, and gradients into layers 2..L) at the"
                + " median MatMul peak above (of one lane, or of all lanes for rows on several);"
                + " \"%% of floor\" is how close the median step runs to it.%n",
            org.losslandscape.models.training.SgdTrainer.DEFAULT_STEPS_PER_RUN,
            trainingFlopsPerExample));
  }

  /** Times faster {@code row} is than the one row {@code baseline} picks, or a dash. */
  private String ratio(
      TrainingStepBenchmark.Row row,
      java.util.function.Predicate<TrainingStepBenchmark.Case> baseline) {
    return steps.stream()
        .filter(r -> r != row && baseline.test(r.benchCase()))
        .findFirst()
        .map(b -> f("%.2fx", b.millisPerStep().median() / row.millisPerStep().median()))
        .orElse("–");
  }

  /**
   * The baseline of {@code c}: same optimizer and batch with one step per run ({@code
   * sameOptimizer}), or SGD at the same batch and steps per run.
   */
  private static boolean sameExcept(
      TrainingStepBenchmark.Case r, TrainingStepBenchmark.Case c, boolean sameOptimizer) {
    if (sameOptimizer) {
      return c.stepsPerRun() > 1
          && r.optimizer().equals(c.optimizer())
          && r.batchSize() == c.batchSize()
          && r.stepsPerRun() == 1;
    }
    return c.optimizer().isSharpnessAware()
        && !r.optimizer().isSharpnessAware()
        && r.batchSize() == c.batchSize()
        && r.stepsPerRun() == c.stepsPerRun();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
