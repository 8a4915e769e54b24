package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * Two studies started at once on one {@code --cache-dir}, as two processes: both finish with the
 * same numbers, the cache holds whole entries and no temporary, and a third study on the same cache
 * reuses every model and slice and gets the same numbers again.
 */
class SharedCacheIT {

  @TempDir Path tmp;

  private Process start(Path out, Path cache, Path log) throws Exception {
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
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
                "200",
                "--seeds",
                "1",
                "--grid-size",
                "11",
                "--landscape-samples",
                "500",
                "--direction-pairs",
                "2",
                "--measures",
                "none",
                "--no-plots",
                "--device",
                "cpu",
                "--lanes",
                "1",
                "--progress",
                "log")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    return builder.start();
  }

  @Test
  void twoStudiesAtOnceOnOneCacheBothFinishAndLeaveItWhole() throws Exception {
    Path cache = tmp.resolve("cache");
    Process first = start(tmp.resolve("a"), cache, tmp.resolve("a.log"));
    Process second = start(tmp.resolve("b"), cache, tmp.resolve("b.log"));
    assertThat(first.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(second.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String logA = Files.readString(tmp.resolve("a.log"), StandardCharsets.UTF_8);
    String logB = Files.readString(tmp.resolve("b.log"), StandardCharsets.UTF_8);
    assertThat(first.exitValue()).as(logA).isZero();
    assertThat(second.exitValue()).as(logB).isZero();
    for (String log : List.of(logA, logB)) {
      assertThat(log).doesNotContain("\tat ", "could not cache", "ignoring unreadable");
    }

    Map<String, String> numbers = numbers(tmp.resolve("a/summary.json"));
    assertThat(numbers(tmp.resolve("b/summary.json"))).isEqualTo(numbers);
    assertThat(names(cache)).noneMatch(n -> n.contains(".tmp-"));
    assertThat(entries(cache)).hasSize(2);
    assertThat(names(cache.resolve("slices")).stream().filter(n -> n.endsWith(".grid"))).hasSize(4);

    // A third study on the same cache takes everything from it.
    Process third = start(tmp.resolve("c"), cache, tmp.resolve("c.log"));
    assertThat(third.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String logC = Files.readString(tmp.resolve("c.log"), StandardCharsets.UTF_8);
    assertThat(third.exitValue()).as(logC).isZero();
    assertThat(logC)
        .contains("high_lr_small_batch: reusing cached weights")
        .contains("low_lr_large_batch: reusing cached weights")
        .contains("high_lr_small_batch pair 2/2: reusing the slice an earlier run finished")
        .contains("low_lr_large_batch pair 2/2: reusing the slice an earlier run finished")
        .doesNotContain("training high_lr_small_batch", "training low_lr_large_batch");
    assertThat(numbers(tmp.resolve("c/summary.json"))).isEqualTo(numbers);
  }

  private static List<Path> entries(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).toList();
    }
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
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
