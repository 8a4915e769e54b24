package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * Bad input at run time: one line, the documented exit code, nothing earlier lost or half-written.
 */
class FailureModesIT {

  @TempDir Path tmp;

  private Path subset() throws Exception {
    return Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
  }

  private String[] tiny(String... extra) throws Exception {
    String[] base = {
      "--data-dir",
      subset().toString(),
      "--out",
      tmp.resolve("out").toString(),
      "--cache-dir",
      tmp.resolve("cache").toString(),
      "--configs",
      "high_lr_small_batch",
      "--epochs",
      "1",
      "--seeds",
      "1",
      "--grid-size",
      "3",
      "--landscape-samples",
      "100",
      "--direction-pairs",
      "1",
      "--no-plots"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void aMissingDataFolderIsOneActionableLineAndExitCode1() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            "--data-dir",
            tmp.resolve("nowhere").toString(),
            "--out",
            tmp.resolve("out").toString());
    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("nowhere").doesNotContain("\tat ");
  }

  @Test
  void aCorruptDataFileIsOneLineAndExitCode1() throws Exception {
    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    try (var files = Files.list(subset())) {
      for (Path f : files.toList()) {
        Files.copy(f, broken.resolve(f.getFileName()));
      }
    }
    byte[] labels = Files.readAllBytes(broken.resolve("t10k-labels-idx1-ubyte.gz"));
    Files.write(
        broken.resolve("t10k-labels-idx1-ubyte.gz"),
        java.util.Arrays.copyOf(labels, labels.length / 2));
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            "--data-dir",
            broken.toString(),
            "--out",
            tmp.resolve("out").toString());
    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("t10k-labels-idx1-ubyte.gz");
  }

  @Test
  void requireGpuWithoutAGpuExitsWith3() throws Exception {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), tiny("--device", "cuda", "--require-gpu"));
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.NO_GPU);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(tmp.resolve("out/summary.json")).doesNotExist();
  }

  @Test
  void cudaWithoutAGpuFallsBackToTheCpuAndSaysWhy() throws Exception {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), tiny("--device", "cuda"));
    assertThat(code).as(err.toString()).isZero();
    JsonNode summary = SummarySchema.assertValid(tmp.resolve("out/summary.json"));
    assertThat(summary.path("device").asText()).isEqualTo("cpu");
    assertThat(summary.path("device_reason").asText()).contains("no GPU natives");
  }

  @Test
  void aDivergingConfigIsMarkedTheOthersStillRunAndTheExitCodeIs4() throws Exception {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            tiny("--configs", "high_lr_small_batch,low_lr_small_batch", "--lr-high", "1e4"));
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.DIVERGED);
    JsonNode configs = SummarySchema.assertValid(tmp.resolve("out/summary.json")).path("configs");
    assertThat(configs.get(0).path("status").asText()).isEqualTo("diverged");
    assertThat(configs.get(0).has("landscape")).isFalse();
    assertThat(configs.get(1).path("status").asText()).isEqualTo("completed");
    assertThat(configs.get(1).has("landscape")).isTrue();
  }

  @Test
  void anOutOfMemoryErrorIsOneActionableLine() {
    String line = Main.oneLine(new OutOfMemoryError("Java heap space"));
    assertThat(line)
        .startsWith("out of memory (Java heap space)")
        .contains("--grid-size")
        .contains("-Xmx")
        .doesNotContain("\n");
  }

  @Test
  void aModelOfAnotherShapeIsRefusedInOneLine() throws Exception {
    Path model =
        Path.of(
            getClass().getResource("/org/losslandscape/pipeline/results/pytorch-export").toURI());
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            "landscape",
            "--weights",
            model.toString(),
            "--data-dir",
            data.toString(),
            "--out",
            tmp.resolve("shape").toString(),
            "--cache-dir",
            tmp.resolve("cache").toString());
    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString())
        .contains("(4-3-2) takes 4 inputs and gives 2 logits, but the data have 784 features")
        .doesNotContain("unexpected");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }
}
