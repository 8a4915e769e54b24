package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.ResultsException;

class ModelFilesAndCacheTest {

  /** The shape of the inputs the keys are made for. */
  private static final InputShape SHAPE = new InputShape(1, 3, 2);

  @TempDir Path tmp;

  private final MlpArchitecture net = new MlpArchitecture(6, List.of(5), 3);
  private final Parameters weights = Initialization.HE.initialize(net, 3);

  private TrainingConfig config(double lr) {
    return new TrainingConfig(
        "c",
        lr,
        8,
        0,
        LearningRateSchedule.constant(),
        new TrainingBudget.Epochs(2),
        1,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }

  @Test
  void modelFilesRoundTripExactly() {
    ModelFiles.write(tmp.resolve("m"), weights);
    assertThat(tmp.resolve("m/model.json")).isRegularFile();
    assertThat(ModelFiles.read(tmp.resolve("m"))).isEqualTo(weights);
  }

  @Test
  void aWeightFileOfTheWrongShapeIsAOneLineErrorNamingIt() {
    ModelFiles.write(tmp.resolve("m"), weights);
    Npy.writeFloat32(tmp.resolve("m/weights/dense0.kernel.npy"), new int[] {5, 6}, new float[30]);
    assertThatThrownBy(() -> ModelFiles.read(tmp.resolve("m")))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("dense0.kernel.npy")
        .hasMessageContaining("[6, 5]");
    assertThatThrownBy(() -> ModelFiles.read(tmp.resolve("absent")))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void theCacheKeyChangesWithAnythingThatDecidesTheWeights() {
    String base = WeightsCache.key("data", SHAPE, weights, "HE", config(0.1), "cpu");
    assertThat(WeightsCache.key("data", SHAPE, weights, "HE", config(0.1), "cpu")).isEqualTo(base);
    assertThat(WeightsCache.key("other-data", SHAPE, weights, "HE", config(0.1), "cpu"))
        .isNotEqualTo(base);
    assertThat(WeightsCache.key("data", SHAPE, weights, "HE", config(0.2), "cpu"))
        .isNotEqualTo(base);
    assertThat(WeightsCache.key("data", SHAPE, weights, "GLOROT", config(0.1), "cpu"))
        .isNotEqualTo(base);
    assertThat(WeightsCache.key("data", SHAPE, weights, "HE", config(0.1), "gpu"))
        .isNotEqualTo(base);
    // The same bytes read as another image shape are another input (a network may see the
    // difference even where the weights' shapes do not).
    assertThat(WeightsCache.key("data", new InputShape(2, 3, 1), weights, "HE", config(0.1), "cpu"))
        .isNotEqualTo(base);
  }

  /**
   * Settings of a sweep that differ only in weight decay, dropout, momentum or training-set size
   * are different models: each gets its own entry (they once shared one, and the last written was
   * reused for both).
   */
  @Test
  void everyTrainingSettingThatChangesTheWeightsChangesTheKey() {
    TrainingConfig c = config(0.1);
    String base = WeightsCache.key("data", SHAPE, weights, "HE", c, "cpu");
    List<TrainingConfig> variants =
        List.of(
            c.withWeightDecay(5e-4),
            c.withDropout(0.1),
            c.withMomentum(0.9),
            c.withTrainExamples(1000),
            c.withOptimizer(org.losslandscape.models.training.Optimizer.sam(0.05)));
    java.util.Set<String> keys = new java.util.HashSet<>();
    keys.add(base);
    for (TrainingConfig v : variants) {
      keys.add(WeightsCache.key("data", SHAPE, weights, "HE", v, "cpu"));
    }
    assertThat(keys).hasSize(variants.size() + 1);
    // What does not change the weights does not change the key: the run's name and checkpoints.
    assertThat(WeightsCache.key("data", SHAPE, weights, "HE", c.withCheckpoints(5), "cpu"))
        .isEqualTo(base);
  }

  @Test
  void aStoredEntryLoadsBackAndABrokenOneIsIgnored() throws Exception {
    WeightsCache cache = new WeightsCache(tmp.resolve("cache"));
    TrainingResult result =
        new TrainingResult(
            config(0.1),
            weights,
            TrainingStatus.COMPLETED,
            12,
            2.0,
            List.of(new EpochRecord(1, 6, 0.9, 0.6), new EpochRecord(2, 12, 0.7, 0.7)),
            1.5,
            "");
    cache.store("k", result, null);
    TrainingResult back = cache.load("k", config(0.1)).orElseThrow();
    assertThat(back.parameters()).isEqualTo(weights);
    assertThat(back.curve()).isEqualTo(result.curve());
    assertThat(back.steps()).isEqualTo(12);
    try (var files = Files.list(tmp.resolve("cache"))) {
      // The entry and the cache folder's lock file (see CacheLock), nothing half-written.
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(CacheLock.FILE, "k");
    }

    Files.delete(tmp.resolve("cache/k/weights/dense1.bias.npy"));
    assertThat(cache.load("k", config(0.1))).isEmpty();
    assertThat(cache.load("never-stored", config(0.1))).isEmpty();
  }
}
