package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench command end to end on the committed 3,000-image subset, tiny grid, one repeat. */
class BenchCommandIT {

  @Test
  void printsAMarkdownTableWithEveryEvaluatorAndTheResultChecks() throws Exception {
    Path data = Path.of(BenchCommandIT.class.getResource("/fashion-mnist-subset").toURI());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new StudyCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "bench",
                "--data-dir",
                data.toString(),
                "--grid-size",
                "5",
                "--samples",
                "300",
                "--repeats",
                "1",
                "--pointwise-grid",
                "3",
                "--no-step-timing");
    assertThat(exit).as(err.toString()).isZero();
    String md = out.toString();
    assertThat(md)
        .contains("### Landscape evaluation: 784-128-64-10, 5x5 grid, 300 training samples");
    assertThat(md)
        .contains(
            "| per-point | 3x3 (9 points) |",
            "| row-batched | 5x5 (25 points) |",
            "| decomposed | 5x5 (25 points) |",
            "| decomposed, bf16 (opt-in) | 5x5 (25 points) |");
    assertThat(md)
        .contains(
            "(scaled)",
            "Decomposed vs row-batched on the same grid",
            "bf16 error against float32",
            "MatMul 2048x2048",
            "FLOP model",
            "load average");
    assertThat(md).contains("java -jar pipeline/target/loss-landscape.jar bench --data-dir");
    assertThat(md).doesNotContain("### Training steps");
    // The measures are timed on the bench's weights and samples (the study's settings).
    assertThat(md)
        .contains(
            "### Measures on one model",
            "| Hessian-vector product |",
            "top 3 eigenvalues",
            "Hessian-vector products per second");
    // The slices of layered networks, first layer shared against per point, and which one the
    // default picks: per point for LeNet's 5x5 kernel on one channel, shared for a dense layer.
    assertThat(md)
        .contains(
            "### Landscape of a CNN",
            "| lenet | 11x11 x 300 | 25, ",
            "| resnet-8x8 | 7x7 x 200 | 9, ",
            "| mlp-as-layers | 11x11 x 300 | 784, ");
    assertThat(md).containsPattern("\\| lenet \\|[^\\n]*\\| per point \\|");
    assertThat(md).containsPattern("\\| mlp-as-layers \\|[^\\n]*\\| shared \\|");
  }

  @Test
  void rejectsUnknownEvaluatorsAndEvenGrids() {
    StringWriter err = new StringWriter();
    assertThat(Main.run(new PrintWriter(err, true), "bench", "--evaluators", "decomposed,magic"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("unknown evaluator 'magic'");
    assertThat(Main.run(new PrintWriter(new StringWriter(), true), "bench", "--grid-size", "30"))
        .isEqualTo(ExitCodes.USAGE);
  }
}
