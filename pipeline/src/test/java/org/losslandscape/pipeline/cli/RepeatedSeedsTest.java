package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * {@code --seeds K}: every config trained K times, intervals over seeds, orderings only when they
 * separate.
 */
class RepeatedSeedsTest {

  @TempDir Path tmp;

  @Test
  void threeSeedsGiveRunsIntervalsAndOrderings() throws Exception {
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
            "--epochs",
            "1",
            "--seeds",
            "3",
            "--grid-size",
            "5",
            "--landscape-samples",
            "200",
            "--direction-pairs",
            "1",
            "--eps",
            "1.0",
            "--no-plots");
    assertThat(code).as(err.toString()).isZero();

    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    assertThat(summary.path("seeds").asInt()).isEqualTo(3);
    assertThat(summary.path("configs")).hasSize(2);
    JsonNode overSeeds = summary.path("configs").get(0).path("over_seeds");
    assertThat(overSeeds.path("runs")).hasSize(3);
    assertThat(overSeeds.path("runs").get(1).path("seed").asLong()).isEqualTo(43);
    assertThat(overSeeds.path("runs").get(1).path("folder").asText())
        .isEqualTo("high_lr_small_batch/seed-43");
    assertThat(out.resolve("high_lr_small_batch/seed-43/weights/dense0.kernel.npy"))
        .isRegularFile();
    assertThat(out.resolve("high_lr_small_batch/seed-44/loss.npy")).isRegularFile();

    double mean = 0;
    for (JsonNode run : overSeeds.path("runs")) {
      mean += run.path("test_accuracy").asDouble() / 3;
    }
    assertThat(overSeeds.path("test_accuracy").path("mean").asDouble())
        .isCloseTo(mean, within(1e-12));
    assertThat(overSeeds.path("test_accuracy").path("n").asInt()).isEqualTo(3);
    // Different seeds give different weights, so the per-seed sharpness values differ.
    JsonNode perSeed = overSeeds.path("slice_sharpness").path("1.0").path("per_seed");
    assertThat(perSeed).hasSize(3);
    assertThat(perSeed.get(0).asDouble()).isNotEqualTo(perSeed.get(1).asDouble());

    JsonNode ordering = summary.path("orderings").path("1.0");
    assertThat(ordering.path("intervals_over").asText()).isEqualTo("training_seeds");
    assertThat(ordering.path("separated").isArray()).isTrue();
    // Two recipes with three finite seed values each: one comparison, nothing skipped.
    assertThat(ordering.path("comparisons").asInt()).isEqualTo(1);
    assertThat(ordering.path("not_compared")).isEmpty();
  }
}
