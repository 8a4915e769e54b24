package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.io.DiskFullException;
import org.losslandscape.pipeline.io.PendingWrites;
import org.losslandscape.pipeline.io.WriteFailures;

/**
 * The caches when the disk fills up in the middle of an entry: the run stops with one line naming
 * the cache and what to do, the entry that was there stays whole, nothing half-written is left; any
 * other write failure still only costs work next time.
 */
class CacheDiskFullTest {

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
        List.of(),
        1.5,
        "");
  }

  @Test
  void aFullDiskInTheMiddleOfAWeightsEntryStopsTheRunAndKeepsTheOldEntryWhole() throws Exception {
    Path root = tmp.resolve("cache");
    WeightsCache cache = new WeightsCache(root);
    cache.store("k", result(1), null);

    // The entry's third file (after two of its weight files) finds the disk full.
    try (WriteFailures.Injection full = WriteFailures.inject(p -> p.startsWith(root), 3)) {
      assertThatThrownBy(() -> cache.store("k", result(2), null))
          .isInstanceOf(DiskFullException.class)
          .hasMessageContaining("Cannot keep the trained weights in the cache " + root)
          .hasMessageContaining("the disk is full (No space left on device)")
          .hasMessageContaining("--cache-dir")
          .hasMessageNotContaining("\n");
      assertThat(full.failed()).hasSize(1);
    }

    assertThat(cache.load("k", config()).orElseThrow().parameters())
        .isEqualTo(result(1).parameters());
    assertThat(listing(root)).containsExactly(".lock", "k");
    assertThat(PendingWrites.process().registered()).noneMatch(p -> p.startsWith(tmp));
    // Space again: the next run stores it.
    cache.store("k", result(2), null);
    assertThat(cache.load("k", config()).orElseThrow().parameters())
        .isEqualTo(result(2).parameters());
  }

  @Test
  void aFullDiskWhileKeepingASliceStopsTheRunAndLeavesNoEntry() throws Exception {
    Path root = tmp.resolve("slices");
    SliceCache cache = new SliceCache(root);
    GridSpec spec = new GridSpec(3, -1, 1);
    LandscapeGrid grid = new LandscapeGrid(spec, new double[3][3], new double[3][3], 5);

    try (WriteFailures.Injection full = WriteFailures.inject(p -> p.startsWith(root), 1)) {
      assertThatThrownBy(() -> cache.store("k", grid))
          .isInstanceOf(DiskFullException.class)
          .hasMessageContaining("Cannot keep a finished slice in the cache " + root)
          .hasMessageContaining("--cache-dir")
          .hasMessageNotContaining("\n");
    }

    assertThat(cache.load("k", spec)).isEmpty();
    assertThat(listing(root)).containsExactly(".lock");
  }

  @Test
  void aCacheThatCannotBeWrittenForAnotherReasonOnlyCostsWorkNextTime() throws Exception {
    Path blocker = Files.writeString(tmp.resolve("a-file"), "not a folder");
    WeightsCache weights = new WeightsCache(blocker.resolve("cache"));
    SliceCache slices = new SliceCache(blocker.resolve("slices"));
    GridSpec spec = new GridSpec(3, -1, 1);

    weights.store("k", result(1), null);
    slices.store("k", new LandscapeGrid(spec, new double[3][3], new double[3][3], 5));

    assertThat(weights.load("k", config())).isEmpty();
    assertThat(slices.load("k", spec)).isEmpty();
  }

  private static List<String> listing(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
