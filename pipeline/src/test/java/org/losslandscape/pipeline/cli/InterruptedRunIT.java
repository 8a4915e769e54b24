package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * A run killed with SIGKILL (kill -9) during training, and again during the landscapes, then run a
 * third time with the same command: it finishes, reuses what the killed runs completed (trained
 * weights, finished slices), and every number of its summary equals an uninterrupted run's. The
 * same with SIGTERM (what Ctrl-C and {@code kill} send), where the run also says in one line that
 * it stopped and leaves no temporary file.
 *
 * <p>The runs are real processes of the tool's main class, on this test's classpath; the
 * uninterrupted reference runs once for both tests.
 */
class InterruptedRunIT {

  @TempDir Path tmp;

  @TempDir static Path shared;

  private static Map<String, String> referenceNumbers;

  /** A run's output and how it ended. */
  record Outcome(int exitCode, String log) {}

  private List<String> command(Path out, Path cache) throws Exception {
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-cp",
        System.getProperty("java.class.path"),
        "-Djava.awt.headless=true",
        Main.class.getName(),
        "--data-dir",
        data.toString(),
        "--out",
        out.toString(),
        "--cache-dir",
        cache.toString(),
        "--configs",
        "high_lr_small_batch,low_lr_large_batch",
        "--steps",
        "1200",
        "--grid-size",
        "31",
        "--landscape-samples",
        "2000",
        "--direction-pairs",
        "3",
        "--eps",
        "0.5,1.0",
        "--no-plots",
        "--device",
        "cpu",
        "--seeds",
        "1",
        "--measures",
        "none",
        // One lane: the two models train one after the other (the large batch first, the
        // larger stack by cost), so a kill while the second trains finds the first cached.
        "--lanes",
        "1");
  }

  /**
   * Runs the command; when a log line contains {@code killWhen}, kills the process with SIGKILL.
   * Null runs to the end.
   */
  private Outcome run(List<String> command, String killWhen) throws Exception {
    return run(command, killWhen, true);
  }

  /**
   * Runs the command; when a log line contains {@code stopWhen}, stops the process with SIGKILL
   * ({@code forcibly}) or SIGTERM. Null runs to the end.
   */
  private Outcome run(List<String> command, String stopWhen, boolean forcibly) throws Exception {
    String killWhen = stopWhen;
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process process = builder.start();
    StringBuilder log = new StringBuilder();
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (log) {
                    log.append(line).append('\n');
                  }
                  if (killWhen != null && line.contains(killWhen)) {
                    if (forcibly) {
                      process.destroyForcibly(); // SIGKILL on Linux
                    } else {
                      // SIGTERM on Linux; Process.destroy() would also close the output stream
                      // and lose the line the run prints as it stops.
                      process.toHandle().destroy();
                    }
                  }
                }
              } catch (java.io.IOException e) {
                // the stream closes when the process is killed
              }
            });
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("run finished in time").isTrue();
    reader.get(10, TimeUnit.SECONDS);
    synchronized (log) {
      return new Outcome(process.exitValue(), log.toString());
    }
  }

  /** The numbers of an uninterrupted run of the command, run on first use. */
  private synchronized Map<String, String> reference() throws Exception {
    if (referenceNumbers == null) {
      Path out = shared.resolve("reference");
      Outcome reference = run(command(out, shared.resolve("ref-cache")), null);
      assertThat(reference.exitCode()).as(reference.log()).isZero();
      referenceNumbers = numbers(out.resolve("summary.json"));
    }
    return referenceNumbers;
  }

  @Test
  void killedTwiceThenRerunGivesTheUninterruptedNumbers() throws Exception {
    Map<String, String> reference = reference();

    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");
    List<String> same = command(out, cache);

    // 1. Killed while the second stack trains: the first one's weights are already cached.
    Outcome duringTraining = run(same, "training high_lr_small_batch");
    assertThat(duringTraining.exitCode()).as(duringTraining.log()).isEqualTo(137);
    assertThat(duringTraining.log()).doesNotContain("[landscape] started");

    // 2. Killed once the first slice is done: the first model is reused, the second trained.
    Outcome duringLandscapes = run(same, "high_lr_small_batch pair 1/3: 31x31 grid");
    assertThat(duringLandscapes.exitCode()).as(duringLandscapes.log()).isEqualTo(137);
    assertThat(duringLandscapes.log())
        .contains("low_lr_large_batch: reusing cached weights")
        .contains("training high_lr_small_batch")
        .doesNotContain("[plot] started", "INFO  written to");

    // 3. The same command again finishes, reusing weights and the finished slice.
    Outcome resumed = run(same, null);
    assertThat(resumed.exitCode()).as(resumed.log()).isZero();
    assertThat(resumed.log())
        .contains("high_lr_small_batch: reusing cached weights")
        .contains("low_lr_large_batch: reusing cached weights")
        .contains("high_lr_small_batch pair 1/3: reusing the slice an earlier run finished")
        .doesNotContain("training high_lr_small_batch", "training low_lr_large_batch");

    assertThat(numbers(out.resolve("summary.json"))).isEqualTo(reference);
  }

  @Test
  void terminatedTwiceThenRerunGivesTheUninterruptedNumbersAndNoTemporaryIsLeft() throws Exception {
    Map<String, String> reference = reference();
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");
    List<String> same = command(out, cache);

    // 1. SIGTERM while the second stack trains.
    Outcome duringTraining = run(same, "training high_lr_small_batch", false);
    assertStoppedInOneLine(duringTraining, out, cache);
    assertThat(duringTraining.log()).doesNotContain("[landscape] started");

    // 2. SIGTERM once the first slice is done.
    Outcome duringLandscapes = run(same, "high_lr_small_batch pair 1/3: 31x31 grid", false);
    assertStoppedInOneLine(duringLandscapes, out, cache);
    assertThat(duringLandscapes.log())
        .contains("low_lr_large_batch: reusing cached weights")
        .contains("training high_lr_small_batch")
        .doesNotContain("[plot] started", "INFO  written to");

    // 3. The same command again resumes and finishes.
    Outcome resumed = run(same, null);
    assertThat(resumed.exitCode()).as(resumed.log()).isZero();
    assertThat(resumed.log())
        .contains("high_lr_small_batch: reusing cached weights")
        .contains("low_lr_large_batch: reusing cached weights")
        .contains("high_lr_small_batch pair 1/3: reusing the slice an earlier run finished")
        .doesNotContain("training high_lr_small_batch", "training low_lr_large_batch");
    assertThat(numbers(out.resolve("summary.json"))).isEqualTo(reference);
  }

  /**
   * Exit code 143 (128 + SIGTERM), the tool's one line saying it stopped and how to resume, no
   * stack trace, and no temporary file in the results or the cache.
   */
  private static void assertStoppedInOneLine(Outcome outcome, Path out, Path cache)
      throws Exception {
    assertThat(outcome.exitCode()).as(outcome.log()).isEqualTo(ExitCodes.TERMINATED);
    List<String> ours =
        outcome.log().lines().filter(l -> l.startsWith("loss-landscape: ")).toList();
    assertThat(ours).as(outcome.log()).hasSize(1);
    assertThat(ours.get(0))
        .contains("stopped before the end")
        .contains("run the same command again to resume");
    assertThat(outcome.log()).doesNotContain("\tat ", "Exception in thread");
    for (Path root : List.of(out, cache)) {
      if (java.nio.file.Files.exists(root)) {
        try (var files = java.nio.file.Files.walk(root)) {
          assertThat(files.map(p -> p.getFileName().toString()))
              .as("temporaries in %s", root)
              .noneMatch(name -> name.contains(".tmp-"));
        }
      }
    }
  }

  /** Every number and string of a summary except timings, cache flags and data paths. */
  private static Map<String, String> numbers(Path summary) {
    Map<String, String> out = new TreeMap<>();
    flatten("", SummarySchema.assertValid(summary), out);
    out.keySet()
        .removeIf(
            k ->
                k.startsWith("/timings_seconds")
                    || k.endsWith("/from_cache")
                    || k.endsWith("/training_seconds")
                    || k.startsWith("/data/source"));
    assertThat(out).containsKey("/configs/1/sharpness/slice_over_pairs/1.0/mean");
    return out;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        flatten(path + "/" + name, node.get(name), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "/" + i, node.get(i), out);
      }
    } else {
      out.put(path, node.toString());
    }
  }
}
