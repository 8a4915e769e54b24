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
        "--grid-size 4                 | --grid-size: grid size must be an odd integer >= 3",
        "--grid-size 1                 | --grid-size: grid size must be an odd integer >= 3",
        "--epochs 3 --steps 10         | give only one of --epochs, --steps and --target-loss",
        "--epochs 0                    | --epochs: the number of epochs must be >= 1",
        "--steps 0                     | --steps: the number of steps must be >= 1",
        "--target-loss -1              | --target-loss: the target loss must be a positive number",
        "--target-loss 0.3 --max-steps 0 | --max-steps: the step cap must be >= 1",
        "--configs nope                | --configs: unknown recipe 'nope'",
        "--device tpu                  | --device: unknown device 'tpu'",
        "--device cpu --require-gpu    | --require-gpu: a GPU cannot be required when the CPU",
        "--range 1:-1                  | --range: grid range needs min < max",
        "--range wide                  | --range must be MIN:MAX",
        "--range 0.5:1.5               | does not put the trained weights (0) on a grid point",
        "--schedule warmup-cosine --target-loss 0.3 | --schedule: the warmup-cosine schedule needs a fixed budget",
        "--seeds 0                     | --seeds: seeds per recipe must be >= 1",
        "--eps 0.5,0                   | --eps: sharpness radii must be positive numbers",
        "--eps 0.5,0.5                 | --eps: sharpness radii must be distinct",
        "--lr-high -0.1                | --lr-high: high_lr_small_batch: learning rate must be a positive number",
        "--lr-low 0                    | --lr-low: low_lr_small_batch: learning rate must be a positive number",
        "--batch-small 0               | --batch-small: high_lr_small_batch: batch size must be >= 1",
        "--batch-large -3              | --batch-large: high_lr_large_batch: batch size must be >= 1",
        "--momentum 1.5                | --momentum: high_lr_small_batch: momentum must be in [0, 1)",
        "--landscape-split val         | --landscape-split: unknown split 'val'",
        "--landscape-samples 0         | --landscape-samples: landscape samples must be >= 1",
        "--direction-pairs 0           | --direction-pairs: direction pairs must be >= 1",
        "--sliced-seeds 0              | --sliced-seeds must be a count >= 1 or 'all', got '0'",
        "--m-sharpness 128             | --m-sharpness adds to the worst-case measures: give --measures worst-case",
        "--measures all --m-sharpness -1 | --m-sharpness: m-sharpness batch size must be >= 1, or 0 for none",
        "--sliced-seeds some           | --sliced-seeds must be a count >= 1 or 'all', got 'some'",
        "--normalization column        | --normalization: unknown normalization 'column'",
        "--schedule step               | --schedule: unknown schedule 'step'",
        "--init xavier                 | --init: unknown initialization 'xavier'",
        "--bias-rule all               | --bias-rule: unknown bias rule 'all'",
        "--bn-rule all                 | --bn-rule: unknown bias rule 'all'",
        "--include-bias --bias-rule li | --include-bias means --bias-rule gaussian",
        "--measures speed              | --measures: unknown measure 'speed'",
        "--optimizer adam              | --optimizer: unknown optimizer 'adam'",
        "--optimizer sam --rho -1      | --rho: SAM perturbation radius rho must be a positive number",
        "--configs sam_fast            | --configs: unknown recipe 'sam_fast'",
        "--hidden 128,0                | --hidden: hidden layer widths must be >= 1",
        "--threads -1                  | --threads: the thread count must be >= 0",
        "--progress fancy              | --progress: unknown progress display 'fancy': use auto, bar or log",
        "--grid-size abc               | abc",
        "--no-such-option              | no-such-option",
        "--grid-size 100001            | --grid-size: the slices need about",
        "--direction-pairs 100000 --grid-size 1001 | --grid-size: the slices need about",
        "--hidden 100000,100000        | --hidden: the network needs about",
        "--checkpoints 2               | --checkpoints: trajectory checkpoints must be 0 (off) or at least 3",
        "--checkpoints 0 --trajectory  | --checkpoints 0 turns the trajectory off",
        "--data-npy a.npy              | --data-npy: npy data files must be two (images,labels) or four",
        "--data-npy a,b,c              | --data-npy: npy data files must be two (images,labels) or four",
        "--data-npy a,b --data-layout nwhc | --data-layout: unknown array layout 'nwhc' (use nhwc or nchw)",
        "--data-dir d --data-npy a,b   | --data-dir and --data-npy both name a data set: give only one",
        "--data-layout nchw            | --data-layout applies to --data-npy arrays only",
        "--interpolation-range 0.5:1.5 | --interpolation-range: interpolation range must be finite and include both minima",
        "--interpolation-range wide    | --interpolation-range must be MIN:MAX",
        "--interpolation-points 2      | --interpolation-points: interpolation points must be >= 3",
        "--interpolation-pairs a       | --interpolation-pairs: an interpolation pair is written FROM:TO",
        "--interpolation-pairs high_lr_small_batch:high_lr_small_batch | --interpolation-pairs: an interpolation pair needs two different recipes",
        "--interpolation-pairs high_lr_small_batch:nope | --interpolation-pairs: interpolation pair high_lr_small_batch:nope names unknown recipe 'nope'",
        "--configs high_lr_small_batch --interpolation-pairs high_lr_small_batch:low_lr_large_batch | names unknown recipe 'low_lr_large_batch'",
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
            "--trajectory",
            "--interpolation",
            "Exit codes",
            "landscape",
            "interpolate");
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
