package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * {@code --seeds K}: every config trained K times, intervals over seeds, orderings only when they
 * separate.
 */
class RepeatedSeedsIT {

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
            "--sliced-seeds",
            "all",
            "--grid-size",
            "5",
            "--landscape-samples",
            "200",
            "--direction-pairs",
            "1",
            "--eps",
            "1.0",
            "--measures",
            "all",
            "--m-sharpness",
            "50",
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
    // Every measure is computed for every run and enters the verdict with three seeds per recipe.
    JsonNode measures = summary.path("configs").get(0).path("measures");
    assertThat(measures.path("hessian").path("top_eigenvalues")).hasSize(3);
    double lambdaMax =
        measures.path("hessian").path("top_eigenvalues").get(0).path("value").asDouble();
    assertThat(lambdaMax).isPositive();
    assertThat(measures.path("hessian").path("edge_of_stability").asDouble())
        .isCloseTo(0.1 * lambdaMax / 2, within(1e-9));
    assertThat(measures.path("worst_case").path("sam").path("value").asDouble()).isPositive();
    assertThat(measures.path("worst_case").path("sam").path("value").asDouble())
        .isGreaterThanOrEqualTo(
            measures.path("worst_case").path("sam").path("one_step_value").asDouble());
    assertThat(
            measures.path("average_case").path("element_scaled").path("increase").path("n").asInt())
        .isEqualTo(20);
    // m-sharpness: 200 landscape samples in 4 batches of 50, each searched on its own.
    JsonNode perBatch = measures.path("worst_case").path("m_sharpness");
    assertThat(perBatch.path("m").asInt()).isEqualTo(50);
    assertThat(perBatch.path("batches").asInt()).isEqualTo(4);
    assertThat(perBatch.path("sam").path("n").asInt()).isEqualTo(4);
    assertThat(perBatch.path("sam").path("mean").asDouble()).isPositive();
    assertThat(out.resolve("high_lr_small_batch/hessian_density.npy")).isRegularFile();
    JsonNode verdictMeasures = summary.path("verdict").path("protocols").get(0).path("measures");
    List<String> keys = new java.util.ArrayList<>();
    verdictMeasures.forEach(m -> keys.add(m.path("measure").asText()));
    assertThat(keys)
        .contains(
            "slice_sharpness@1.0",
            "lambda_max",
            "hessian_trace",
            "worst_case_l2@0.05",
            "worst_case_adaptive@0.5",
            "keskar_phi@0.001",
            "average_isotropic@0.01",
            "average_element@0.1",
            "m_sharpness_l2@0.05/m50",
            "m_sharpness_adaptive@0.5/m50");
    assertThat(verdictMeasures.get(1).path("recipes").get(0).path("n").asInt()).isEqualTo(3);

    // Two recipes with three finite seed values each: one comparison, nothing skipped.
    assertThat(ordering.path("comparisons").asInt()).isEqualTo(1);
    assertThat(ordering.path("not_compared")).isEmpty();
  }

  /**
   * The default: every seed trained and measured, the first one sliced. Slice sharpness then has
   * one value per recipe and its cells are not testable (outside Holm's family), while the
   * Hessian's cells are tested over every seed.
   */
  @Test
  void byDefaultOnlyTheFirstSeedIsSlicedAndEverySeedIsMeasured() throws Exception {
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    Path out = tmp.resolve("first-sliced");
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
            "2",
            "--eps",
            "1.0",
            "--no-plots");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.resolve("high_lr_small_batch/loss.npy")).isRegularFile();
    assertThat(out.resolve("high_lr_small_batch/seed-43/weights/dense0.kernel.npy"))
        .isRegularFile();
    assertThat(out.resolve("high_lr_small_batch/seed-43/loss.npy")).doesNotExist();

    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    JsonNode config = summary.path("configs").get(0);
    // The sharpness interval is over the first seed's two direction pairs.
    assertThat(config.path("over_seeds").path("runs")).hasSize(3);
    assertThat(summary.path("orderings").path("1.0").path("intervals_over").asText())
        .isEqualTo("direction_pairs");
    JsonNode claims = summary.path("verdict").path("protocols").get(0).path("claims");
    int tested = 0;
    for (JsonNode c : claims) {
      if (c.path("claim").asText().equals("high_lr_small_batch_flattest")) {
        if (c.path("measure").asText().startsWith("slice_sharpness")) {
          assertThat(c.path("outcome").asText()).isEqualTo("not_testable");
          assertThat(c.has("p_value")).isFalse();
        } else {
          assertThat(c.path("p_value").isNumber()).as(c.toString()).isTrue();
          tested++;
        }
      }
    }
    assertThat(tested).as("lambda_max and the trace are tested").isEqualTo(2);
    // Claims 1-2 for lambda_max and the trace: the family is those four cells.
    assertThat(summary.path("verdict").path("family").path("tests").asInt()).isEqualTo(4);
  }
}
