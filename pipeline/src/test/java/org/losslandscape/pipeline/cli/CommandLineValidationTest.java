package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Impossible options fail fast, with one line and exit code 2, before any data or TensorFlow is
 * touched.
 */
class CommandLineValidationTest {

  @TempDir Path tmp;

  record Outcome(int code, String err) {}

  private Outcome run(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), args);
    return new Outcome(code, err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--grid-size 4                 | odd integer >= 3",
        "--grid-size 1                 | odd integer >= 3",
        "--epochs 3 --steps 10         | only one of --epochs, --steps and --target-loss",
        "--epochs 0                    | --epochs must be >= 1",
        "--target-loss -1              | --target-loss must be a positive number",
        "--configs nope                | unknown config 'nope'",
        "--device tpu                  | tpu",
        "--device cpu --require-gpu    | --require-gpu contradicts --device cpu",
        "--range 1:-1                  | MIN < MAX",
        "--range wide                  | --range must be MIN:MAX",
        "--range 0.5:1.5               | does not put the trained weights (0) on a grid point",
        "--schedule warmup-cosine --target-loss 0.3 | needs a fixed budget",
        "--seeds 0                     | --seeds must be >= 1",
        "--eps 0.5,0                   | --eps values must be positive",
        "--lr-high -0.1                | learning rate must be a positive number",
        "--batch-small 0               | batch size must be >= 1",
        "--momentum 1.5                | --momentum must be in [0, 1)",
        "--landscape-split val         | --landscape-split must be train or test",
        "--landscape-samples 0         | --landscape-samples must be >= 1",
        "--direction-pairs 0           | --direction-pairs must be >= 1",
        "--normalization column        | unknown normalization 'column'",
        "--schedule step               | unknown schedule 'step'",
        "--hidden 128,0                | hidden layer widths must be >= 1",
        "--grid-size abc               | abc",
        "--no-such-option              | no-such-option",
      })
  void impossibleOptionsGiveOneLineAndExitCode2(String args, String expected) {
    String[] argv = (args.trim() + " --out " + tmp.resolve("out")).split("\\s+");
    Outcome outcome = run(argv);
    assertThat(outcome.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).contains(expected);
    assertThat(outcome.err().strip().lines()).hasSize(1);
    assertThat(outcome.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void helpListsTheOptionsAndExitCodes() {
    StringWriter out = new StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new StudyCommand());
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--grid-size",
            "--device",
            "--epochs",
            "--target-loss",
            "--configs",
            "--direction-pairs",
            "Exit codes",
            "landscape");
  }

  @Test
  void aFileWhereTheOutputFolderShouldBeIsAOneLineErrorWithExitCode1() throws Exception {
    Path file = java.nio.file.Files.writeString(tmp.resolve("not-a-dir"), "x");
    Outcome outcome = run("--out", file.resolve("sub").toString());
    assertThat(outcome.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(outcome.err()).contains("cannot write to output folder").contains("--out");
    assertThat(outcome.err().strip().lines()).hasSize(1);
  }
}
