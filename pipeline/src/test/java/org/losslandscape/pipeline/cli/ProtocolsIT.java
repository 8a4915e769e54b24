package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * One command runs the recipes under several training budgets: each protocol is a complete study in
 * its own folder, and the verdict across them names every protocol and the training loss each
 * recipe reached under it.
 */
class ProtocolsIT {

  @TempDir Path tmp;

  @Test
  void equalEpochsAndEqualStepsInOneCommand() throws Exception {
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    Path out = tmp.resolve("out");
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            "--data-dir",
            data.toString(),
            "--out",
            out.toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--configs",
            "high_lr_small_batch,low_lr_large_batch",
            "--protocols",
            "epochs,steps",
            "--epochs",
            "1",
            "--steps",
            "30",
            "--seeds",
            "2",
            "--grid-size",
            "5",
            "--landscape-samples",
            "200",
            "--direction-pairs",
            "1",
            "--eps",
            "1.0",
            "--no-plots",
            "--device",
            "cpu");
    assertThat(code).as(err.toString()).isZero();

    JsonNode epochs = SummarySchema.assertValid(out.resolve("epochs/summary.json"));
    JsonNode steps = SummarySchema.assertValid(out.resolve("steps/summary.json"));
    assertThat(epochs.path("training").path("budget_description").asText()).isEqualTo("1 epochs");
    assertThat(steps.path("training").path("budget_description").asText()).isEqualTo("30 steps");
    // Equal epochs: batch 1024 takes ceil(3000 / 1024) = 3 steps; equal steps: 30 for both.
    assertThat(epochs.path("configs").get(1).path("steps").asLong()).isEqualTo(3);
    assertThat(steps.path("configs").get(0).path("steps").asLong()).isEqualTo(30);
    assertThat(steps.path("configs").get(1).path("steps").asLong()).isEqualTo(30);

    // Both protocols' models trained in one plan ahead of the studies, each written to its own
    // protocol's folder and handed to its study as trained in this run (not read from the cache).
    for (JsonNode protocol : List.of(epochs, steps)) {
      for (JsonNode config : protocol.path("configs")) {
        assertThat(config.path("from_cache").asBoolean())
            .as(config.path("name").asText())
            .isFalse();
      }
    }
    assertThat(out.resolve("epochs/low_lr_large_batch/seed-43/weights/dense0.kernel.npy"))
        .isRegularFile();
    assertThat(out.resolve("steps/low_lr_large_batch/seed-43/weights/dense0.kernel.npy"))
        .isRegularFile();

    JsonNode top = SummarySchema.assertValid(out.resolve("summary.json"));
    assertThat(top.path("timings_seconds").has("train (every protocol)")).isTrue();
    assertThat(top.path("protocols")).hasSize(2);
    assertThat(top.path("protocols").get(1).path("folder").asText()).isEqualTo("steps");
    assertThat(top.path("configs")).isEmpty();
    JsonNode blocks = top.path("verdict").path("protocols");
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).path("budget").asText()).isEqualTo("1 epochs");
    assertThat(blocks.get(1).path("recipes").get(0).path("train_loss").asDouble())
        .isEqualTo(
            steps
                .path("configs")
                .get(0)
                .path("over_seeds")
                .path("train_loss")
                .path("mean")
                .asDouble());
    String verdict = Files.readString(out.resolve("VERDICT.md"));
    assertThat(verdict).contains("Protocol: epochs (1 epochs)", "Protocol: steps (30 steps)");
    assertThat(out.resolve("steps/VERDICT.md")).isRegularFile();

    // Each protocol has its page; the top page links to them (and, drawing nothing itself, does
    // without plotly.js).
    assertThat(out.resolve("epochs/report.html")).isRegularFile();
    assertThat(out.resolve("steps/report.html")).isRegularFile();
    String index = Files.readString(out.resolve("report.html"));
    assertThat(index)
        .contains("<a href=\"epochs/report.html\">", "<a href=\"steps/report.html\">")
        .contains("Protocol: steps (30 steps)")
        .doesNotContain("plotly.js v");
  }

  @Test
  void aCosineScheduleCannotRunTheTargetLossProtocol() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            "--protocols",
            "all",
            "--schedule",
            "warmup-cosine",
            "--out",
            tmp.resolve("x").toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("--schedule: the warmup-cosine schedule needs a fixed budget");
    assertThat(tmp.resolve("x")).doesNotExist();
  }
}
