package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.WriteFailures;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * The disk fills up while a study writes its results, its cached weights or its cached slices
 * (injected at the write layer through {@link WriteFailures}, not by filling a real disk): one line
 * that says the disk is full and what to do, exit code 1, the previous results whole, nothing
 * half-written in the results or the cache, and the same command run again once there is room
 * finishes, reusing what the cache kept.
 */
class DiskFullIT {

  @TempDir Path tmp;

  /** A run's exit code and what it printed on its error stream. */
  record Outcome(int exitCode, String err) {}

  private Outcome run(Path out, Path cache, int gridSize, Predicate<Path> fullFor, int nth)
      throws Exception {
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    String[] args = {
      "--data-dir", data.toString(),
      "--out", out.toString(),
      "--cache-dir", cache.toString(),
      "--configs", "high_lr_small_batch,low_lr_large_batch",
      "--steps", "30",
      "--seeds", "1",
      "--grid-size", Integer.toString(gridSize),
      "--landscape-samples", "200",
      "--direction-pairs", "1",
      "--measures", "none",
      "--device", "cpu",
      "--progress", "log"
    };
    StringWriter err = new StringWriter();
    if (fullFor == null) {
      return new Outcome(Main.run(new PrintWriter(err, true), args), err.toString());
    }
    try (WriteFailures.Injection full = WriteFailures.inject(fullFor, nth)) {
      int code = Main.run(new PrintWriter(err, true), args);
      assertThat(full.failed()).as("the injected failure was reached").isNotEmpty();
      return new Outcome(code, err.toString());
    }
  }

  private static void assertOneLineSayingTheDiskIsFull(Outcome outcome, String names) {
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(outcome.err().strip().lines()).as(outcome.err()).hasSize(1);
    assertThat(outcome.err())
        .startsWith("loss-landscape: ")
        .contains(names)
        .contains("the disk is full (No space left on device)")
        .contains("run the same command again")
        .doesNotContain("\tat ", "unexpected");
  }

  @Test
  void aFullDiskWhileWritingTheSummaryKeepsThePreviousResultsWholeAndTheRerunFinishes()
      throws Exception {
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");
    Outcome first = run(out, cache, 3, null, 0);
    assertThat(first.exitCode()).as(first.err()).isZero();
    Map<String, String> before = digests(out);

    // The same study on a 5x5 grid; the disk is full when the summary is written.
    Outcome full =
        run(out, cache, 5, p -> p.equals(out.resolve("summary.json").toAbsolutePath()), 1);

    assertOneLineSayingTheDiskIsFull(full, out.resolve("summary.json").toAbsolutePath().toString());
    assertThat(digests(out).get("summary.json")).isEqualTo(before.get("summary.json"));
    JsonNode kept = SummarySchema.assertValid(out.resolve("summary.json"));
    assertThat(kept.path("configs").get(0).path("landscape").path("grid_size").asInt())
        .isEqualTo(3);
    assertNothingHalfWritten(out, cache);

    Outcome again = run(out, cache, 5, null, 0);
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    for (JsonNode config : summary.path("configs")) {
      assertThat(config.path("from_cache").asBoolean()).as("reused %s", config).isTrue();
      assertThat(config.path("landscape").path("grid_size").asInt()).isEqualTo(5);
    }
    assertNothingHalfWritten(out, cache);
  }

  @Test
  void aFullDiskInTheMiddleOfACachedModelStopsTheRunLeavingNoEntryAndTheRerunFinishes()
      throws Exception {
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");

    // The first model's entry gets two of its files; the third finds the disk full.
    Outcome full = run(out, cache, 3, p -> p.startsWith(cache.toAbsolutePath()), 3);

    assertOneLineSayingTheDiskIsFull(full, "--cache-dir");
    assertThat(full.err()).contains("Cannot keep the trained weights in the cache");
    assertThat(entries(cache)).as("no entry, whole or partial").isEmpty();
    assertThat(out.resolve("summary.json")).doesNotExist();
    assertNothingHalfWritten(out, cache);

    Outcome again = run(out, cache, 3, null, 0);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(entries(cache)).hasSize(2);
    assertNothingHalfWritten(out, cache);
  }

  @Test
  void aFullDiskWhileCachingASliceKeepsTheTrainedModelsForTheRerun() throws Exception {
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");

    Outcome full =
        run(out, cache, 3, p -> p.startsWith(cache.resolve("slices").toAbsolutePath()), 1);

    assertOneLineSayingTheDiskIsFull(full, "--cache-dir");
    assertThat(full.err()).contains("Cannot keep a finished slice in the cache");
    assertThat(entries(cache)).as("both trained models were cached whole").hasSize(2);
    assertNothingHalfWritten(out, cache);

    Outcome again = run(out, cache, 3, null, 0);
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    for (JsonNode config : summary.path("configs")) {
      assertThat(config.path("from_cache").asBoolean()).as("reused %s", config).isTrue();
    }
  }

  /** The weights entries of the cache (folders named by their key). */
  private static List<Path> entries(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files
          .filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))
          .toList();
    }
  }

  /**
   * No temporary file or folder anywhere, every JSON file parses, every .npy file reads, and every
   * cache entry is complete.
   */
  private static void assertNothingHalfWritten(Path out, Path cache) throws IOException {
    for (Path root : List.of(out, cache)) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.toList()) {
          String name = p.getFileName().toString();
          assertThat(name).as("a temporary left in %s", p.getParent()).doesNotContain(".tmp-");
          if (Files.isRegularFile(p) && name.endsWith(".json")) {
            org.losslandscape.pipeline.results.Json.read(p);
          }
          if (Files.isRegularFile(p) && name.endsWith(".npy")) {
            Npy.read(p);
          }
        }
      }
    }
    for (Path entry : entries(cache)) {
      assertThat(entry.resolve("training.json")).isRegularFile();
      assertThat(entry.resolve("model.json")).isRegularFile();
    }
  }

  private static Map<String, String> digests(Path folder) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(
            folder.relativize(p).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
