package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;

/**
 * Several writers and readers on one cache folder: threads of this JVM hammering one entry, and a
 * second JVM holding the folder's lock. A reader never sees an entry that is being replaced, and
 * nothing is left but whole entries and the lock file.
 */
class CacheLockTest {

  @TempDir Path tmp;

  private final MlpArchitecture net = new MlpArchitecture(6, List.of(5), 3);

  private static TrainingConfig config() {
    return new TrainingConfig(
        "c",
        0.1,
        8,
        0,
        LearningRateSchedule.constant(),
        new TrainingBudget.Epochs(2),
        1,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }

  private TrainingResult result(long seed) {
    return new TrainingResult(
        config(),
        Initialization.HE.initialize(net, seed),
        TrainingStatus.COMPLETED,
        12,
        2.0,
        List.of(new EpochRecord(1, 6, 0.9, 0.6)),
        1.5,
        "");
  }

  @Test
  void threadsReplacingAndReadingOneEntryNeverSeeItHalfWrittenOrMissing() throws Exception {
    WeightsCache cache = new WeightsCache(tmp.resolve("cache"));
    List<Parameters> stored = List.of(result(1).parameters(), result(2).parameters());
    cache.store("k", result(1), null);
    AtomicInteger missing = new AtomicInteger();
    AtomicInteger foreign = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        long seed = w + 1;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 12; i++) {
                    cache.store("k", result(seed), null);
                  }
                }));
      }
      for (int r = 0; r < 2; r++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    Optional<TrainingResult> back = cache.load("k", config());
                    if (back.isEmpty()) {
                      missing.incrementAndGet();
                    } else if (!stored.contains(back.get().parameters())) {
                      foreign.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(missing.get()).as("loads that found the entry gone or broken").isZero();
    assertThat(foreign.get()).as("loads that found weights nobody stored").isZero();
    assertThat(listing(tmp.resolve("cache"))).containsExactly(".lock", "k");
  }

  @Test
  void aSliceBeingWrittenIsNeverReadAndLeftoversOfAKilledWriterAreRemoved() throws Exception {
    SliceCache cache = new SliceCache(tmp.resolve("slices"));
    GridSpec spec = new GridSpec(3, -1, 1);
    double[][] loss = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    LandscapeGrid grid = new LandscapeGrid(spec, loss, loss, 42);
    // What a run killed in the middle of writing this entry left.
    Files.createDirectories(tmp.resolve("slices"));
    Files.write(tmp.resolve("slices/.k.grid.tmp-123"), new byte[] {1, 2});

    cache.store("k", grid);

    assertThat(listing(tmp.resolve("slices"))).containsExactly(".lock", "k.grid");
    LandscapeGrid back = cache.load("k", spec).orElseThrow();
    assertThat(back.loss()).isDeepEqualTo(loss);
    assertThat(back.samples()).isEqualTo(42);
  }

  @Test
  void anotherProcessHoldingTheLockMakesAReaderWaitUntilItLetsGo() throws Exception {
    Path folder = tmp.resolve("cache");
    WeightsCache cache = new WeightsCache(folder);
    cache.store("k", result(1), null);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                HoldCacheLock.class.getName(),
                folder.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");

      CompletableFuture<Optional<TrainingResult>> load =
          CompletableFuture.supplyAsync(() -> cache.load("k", config()));
      Thread.sleep(500);
      assertThat(load).as("a load while another process writes").isNotDone();

      OutputStream in = holder.getOutputStream();
      in.write('\n');
      in.flush();
      assertThat(load.get(10, TimeUnit.SECONDS)).isPresent();
      assertThat(out.readLine()).isEqualTo("released");
      assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      holder.destroyForcibly();
    }
  }

  private static List<String> listing(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
