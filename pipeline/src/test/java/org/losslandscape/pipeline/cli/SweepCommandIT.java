package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * The {@code sweep} command on the committed Fashion-MNIST subset, embedded, two tasks at a time: a
 * 2 x 1 grid with two seeds. The merged folder is a study folder (valid summary, verdict, figures)
 * plus the sweep's files; the sweep's numbers are the study's numbers for the same runs; a rerun
 * skips finished tasks and recomputes only a missing one.
 */
class SweepCommandIT {

  @TempDir static Path tmp;

  static Path data;
  static Path out;
  static int exit;
  static String err;

  static List<String> sweep(Path outDir, Path cacheDir, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                "--data-dir",
                data.toString(),
                "--out",
                outDir.toString(),
                "--cache-dir",
                cacheDir.toString(),
                "--lrs",
                "0.1,0.01",
                "--batches",
                "64",
                "--seeds",
                "2",
                "--sliced-seeds",
                "all",
                "--steps",
                "40",
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
                "--device",
                "cpu"));
    args.addAll(List.of(extra));
    return args;
  }

  static Outcome run(List<String> args) {
    StringWriter text = new StringWriter();
    int code = Main.run(new PrintWriter(text, true), args.toArray(String[]::new));
    return new Outcome(code, text.toString());
  }

  record Outcome(int code, String err) {}

  @BeforeAll
  static void sweepOnce() throws Exception {
    data = Path.of(SweepCommandIT.class.getResource("/fashion-mnist-subset").toURI());
    out = tmp.resolve("sweep");
    Outcome o = run(sweep(out, tmp.resolve("cache"), "--parallel", "2"));
    exit = o.code();
    err = o.err();
  }

  @Test
  void theMergedFolderIsAStudyFolderPlusTheSweepsFiles() throws Exception {
    assertThat(exit).as(err).isZero();
    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    assertThat(summary.path("seeds").asInt()).isEqualTo(2);
    // Each recipe's own name, not every "name" below it (a measure's section may have some).
    List<String> names = new ArrayList<>();
    summary.path("configs").forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).containsExactly("lr0.1_b64", "lr0.01_b64");
    assertThat(summary.path("timings_seconds").has("sweep-tasks")).isTrue();
    assertThat(summary.path("threads").path("intra_op").asInt())
        .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    for (String file :
        List.of(
            "VERDICT.md",
            "comparison.png",
            "sharpness.png",
            "sharpness_vs_gap.png",
            "raw_vs_filter.png",
            "sweep_heatmap.png",
            "sweep_results.csv",
            "lr0.1_b64/loss.npy",
            "lr0.1_b64/contour.png",
            "lr0.01_b64/seed-43/weights/dense0.kernel.npy",
            "lr0.01_b64/seed-43/surface.h5",
            "tasks/lr0.01_b64-seed43.json")) {
      assertThat(out.resolve(file)).as(file).isRegularFile();
    }
    JsonNode sweep = Json.read(out.resolve("sweep.json"));
    assertThat(sweep.path("executor").asText()).isEqualTo("embedded");
    assertThat(sweep.path("parallel").asInt()).isEqualTo(2);
    assertThat(sweep.path("tasks").asInt()).isEqualTo(4);
    assertThat(sweep.path("tasks_run").asInt()).isEqualTo(4);
    assertThat(sweep.path("task_runs").findValuesAsText("id"))
        .containsExactly(
            "lr0.1_b64-seed42", "lr0.1_b64-seed43", "lr0.01_b64-seed42", "lr0.01_b64-seed43");
    assertThat(sweep.path("task_runs").findValuesAsText("ran_on"))
        .allMatch(s -> s.startsWith("sweep-task-"));
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp")))
          .isEmpty();
    }
  }

  /** The summary's per-seed numbers are the tasks' numbers, seed by seed. */
  @Test
  void theSummaryHoldsTheTasksNumbers() throws Exception {
    JsonNode summary = Json.read(out.resolve("summary.json"));
    List<String> lines = Files.readAllLines(out.resolve("sweep_results.csv"));
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("task,recipe,learning_rate,batch_size,seed,status");
    for (JsonNode config : summary.path("configs")) {
      for (JsonNode run : config.path("over_seeds").path("runs")) {
        String id = config.path("name").asText() + "-seed" + run.path("seed").asText();
        String[] row =
            lines.stream().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow().split(",");
        assertThat(Double.parseDouble(row[9])).isEqualTo(run.path("test_loss").asDouble());
        assertThat(Double.parseDouble(row[10])).isEqualTo(run.path("test_accuracy").asDouble());
      }
    }
  }

  /**
   * The sweep is the study: the same runs trained by the study command (same recipes, seeds and
   * thread count) give the same losses, sharpness and measures, bit for bit.
   */
  @Test
  void theSweepGivesTheStudysNumbersForTheSameRuns() throws Exception {
    Path studyOut = tmp.resolve("study");
    List<String> args = new ArrayList<>(sweep(studyOut, tmp.resolve("study-cache")));
    args.remove(0);
    int lrs = args.indexOf("--lrs");
    args.subList(lrs, lrs + 4).clear();
    args.addAll(
        List.of(
            "--lr-high",
            "0.1",
            "--lr-low",
            "0.01",
            "--batch-small",
            "64",
            "--configs",
            "high_lr_small_batch,low_lr_small_batch",
            "--threads",
            Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)),
            "--no-plots"));
    Outcome study = run(args);
    assertThat(study.code()).as(study.err()).isZero();
    JsonNode s = Json.read(studyOut.resolve("summary.json")).path("configs");
    JsonNode w = Json.read(out.resolve("summary.json")).path("configs");
    for (int i = 0; i < 2; i++) {
      assertThat(w.get(i).path("learning_rate").asDouble())
          .isEqualTo(s.get(i).path("learning_rate").asDouble());
      for (String field : List.of("train_loss", "test_loss", "test_accuracy", "steps")) {
        assertThat(w.get(i).path(field).asDouble())
            .as(field)
            .isEqualTo(s.get(i).path(field).asDouble());
      }
      assertThat(w.get(i).path("over_seeds").path("slice_sharpness"))
          .isEqualTo(s.get(i).path("over_seeds").path("slice_sharpness"));
      // The measures beyond the slices, taken inside the tasks, are the study's too.
      assertThat(w.get(i).path("measures").path("hessian").isMissingNode()).isFalse();
      assertThat(w.get(i).path("measures")).isEqualTo(s.get(i).path("measures"));
    }
  }

  @Test
  void aRerunSkipsFinishedTasksAndRecomputesOnlyAMissingOne() throws Exception {
    // A copy of the first sweep's folder, rerun with the same weights cache.
    Path copy = tmp.resolve("rerun");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : files.toList()) {
        Path target = copy.resolve(out.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path cache = tmp.resolve("cache");
    String results = Files.readString(out.resolve("sweep_results.csv"));

    // Same options (figures aside): --parallel 2 decides the threads per task, part of the numbers.
    Outcome again = run(sweep(copy, cache, "--no-plots", "--parallel", "2"));
    assertThat(again.code()).as(again.err()).isZero();
    JsonNode sweep = Json.read(copy.resolve("sweep.json"));
    assertThat(sweep.path("tasks_resumed").asInt()).isEqualTo(4);
    assertThat(sweep.path("tasks_run").asInt()).isZero();
    assertThat(Files.readString(copy.resolve("sweep_results.csv"))).isEqualTo(results);

    Files.delete(copy.resolve("tasks/lr0.01_b64-seed43.json"));
    Outcome third = run(sweep(copy, cache, "--no-plots", "--parallel", "2"));
    assertThat(third.code()).as(third.err()).isZero();
    sweep = Json.read(copy.resolve("sweep.json"));
    assertThat(sweep.path("tasks_run").asInt()).isEqualTo(1);
    JsonNode rerun = sweep.path("task_runs").get(3);
    assertThat(rerun.path("resumed").asBoolean()).isFalse();
    assertThat(rerun.path("weights_from_cache").asBoolean()).isTrue();
    assertThat(Files.readString(copy.resolve("sweep_results.csv"))).isEqualTo(results);
    SummarySchema.assertValid(copy.resolve("summary.json"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--lr-high 0.2           | --lr-high does not apply to a sweep: its recipes are --lrs x --batches",
        "--configs lr0.1_b64     | --configs does not apply to a sweep",
        "--lrs 0.1,0.1           | --lrs: sweep learning rates must differ",
        "--lrs 0.1,-2            | --lrs: sweep learning rates must be positive numbers, got -2.0",
        "--batches 0             | --batches: sweep batch sizes must be >= 1, got 0",
        "--parallel 0            | --parallel: concurrent sweep tasks must be >= 1, got 0",
        "--master local[2] --parallel 2 | --parallel is for the embedded executor",
        "--protocols all         | --protocols does not apply to a sweep",
        "--seeds 0               | --seeds: seeds per recipe must be >= 1"
      })
  void impossibleOptionsAreOneLineUsageErrors(String options, String message) {
    List<String> args = new ArrayList<>(List.of("sweep", "--out", tmp.resolve("x").toString()));
    args.addAll(List.of(options.trim().split(" +")));
    Outcome o = run(args);
    assertThat(o.code()).as(o.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(o.err().trim()).startsWith("loss-landscape: " + message).doesNotContain("\n");
  }
}
