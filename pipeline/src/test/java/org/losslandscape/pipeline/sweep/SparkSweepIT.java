package org.losslandscape.pipeline.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.cli.Main;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * A small sweep (two recipes, seed 5) on a real Spark, {@code local[2]} (two executor threads in
 * this JVM, tasks and results serialized as on a cluster), gives the same numbers as the embedded
 * executor for the same seeds: the same files, bit for bit. Each run trains with its own empty
 * weights cache, so neither reuses the other's weights.
 */
class SparkSweepIT {

  @TempDir Path tmp;

  private List<String> sweep(Path out, String... executor) throws Exception {
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                "--data-dir",
                data.toString(),
                "--out",
                out.toString(),
                "--cache-dir",
                out.resolveSibling(out.getFileName() + "-cache").toString(),
                "--lrs",
                "0.1,0.02",
                "--batches",
                "128",
                "--seed",
                "5",
                "--seeds",
                "1",
                "--measures",
                "none",
                "--steps",
                "40",
                "--grid-size",
                "5",
                "--landscape-samples",
                "200",
                "--direction-pairs",
                "1",
                "--eps",
                "0.5,1.0",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--no-plots"));
    args.addAll(List.of(executor));
    return args;
  }

  private static void run(List<String> args) {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
  }

  @Test
  void sparkLocalGivesTheEmbeddedNumbers() throws Exception {
    Path onSpark = tmp.resolve("spark");
    Path embedded = tmp.resolve("embedded");
    run(sweep(onSpark, "--master", "local[2]"));
    run(sweep(embedded, "--parallel", "2"));

    String sparkResults = Files.readString(onSpark.resolve("sweep_results.csv"));
    assertThat(sparkResults.lines()).hasSize(3);
    assertThat(sparkResults).isEqualTo(Files.readString(embedded.resolve("sweep_results.csv")));

    JsonNode sparkSummary = SummarySchema.assertValid(onSpark.resolve("summary.json"));
    JsonNode embeddedSummary = SummarySchema.assertValid(embedded.resolve("summary.json"));
    assertThat(sparkSummary.path("configs").size()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      JsonNode s = sparkSummary.path("configs").get(i);
      JsonNode e = embeddedSummary.path("configs").get(i);
      for (String field : List.of("train_loss", "test_loss", "generalization_gap", "sharpness")) {
        assertThat(s.path(field)).as(field).isEqualTo(e.path(field));
      }
    }
    assertThat(sparkSummary.path("verdict")).isEqualTo(embeddedSummary.path("verdict"));

    JsonNode sweep = Json.read(onSpark.resolve("sweep.json"));
    assertThat(sweep.path("executor").asText()).isEqualTo("spark");
    assertThat(sweep.path("master").asText()).isEqualTo("local[2]");
    assertThat(sweep.path("threads_per_task").asInt()).isEqualTo(1);
    assertThat(sweep.path("task_runs").findValuesAsText("ran_on"))
        .allMatch(s -> s.startsWith("Spark executor driver attempt 0 on "));
  }
}
