package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.training.Checkpoint;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.ResultsException;

/** Checkpoints on disk in the weights' layout, and the weights cache that keeps them. */
class CheckpointFilesTest {

  @TempDir Path tmp;

  private final MlpArchitecture net = new MlpArchitecture(6, List.of(5), 3);
  private final List<Checkpoint> checkpoints =
      List.of(
          new Checkpoint(0, Initialization.HE.initialize(net, 1)),
          new Checkpoint(6, Initialization.HE.initialize(net, 2)),
          new Checkpoint(12, Initialization.HE.initialize(net, 3)));

  private TrainingConfig config(int keep) {
    return new TrainingConfig(
            "c",
            0.1,
            8,
            0,
            LearningRateSchedule.constant(),
            new TrainingBudget.Epochs(2),
            1,
            TrainingConfig.DEFAULT_DIVERGENCE_LIMIT)
        .withCheckpoints(keep);
  }

  @Test
  void checkpointsRoundTripInTheWeightsLayoutWithAnIndex() {
    Path dir = tmp.resolve("checkpoints");
    CheckpointFiles.write(dir, checkpoints, 5);
    assertThat(dir.resolve("step-6/dense0.kernel.npy")).isRegularFile();
    assertThat(Npy.read(dir.resolve("step-12/dense1.bias.npy")).shape()).containsExactly(3);
    CheckpointIndex index = CheckpointFiles.index(dir).orElseThrow();
    assertThat(index.format()).isEqualTo(CheckpointIndex.FORMAT);
    assertThat(index.requested()).isEqualTo(5);
    assertThat(index.parameters()).isEqualTo(net.parameterNames());
    assertThat(index.checkpoints())
        .containsExactly(
            new CheckpointIndex.Entry(0, "step-0"),
            new CheckpointIndex.Entry(6, "step-6"),
            new CheckpointIndex.Entry(12, "step-12"));
    assertThat(CheckpointFiles.read(dir, net)).isEqualTo(checkpoints);

    assertThat(CheckpointFiles.index(tmp.resolve("none"))).isEmpty();
    assertThatThrownBy(() -> CheckpointFiles.read(tmp.resolve("none"), net))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("missing checkpoint index");
  }

  @Test
  void theCacheKeepsCheckpointsAndServesThemOnlyToARunAskingForAsMany() {
    WeightsCache cache = new WeightsCache(tmp.resolve("cache"));
    Parameters last = checkpoints.get(2).parameters();
    TrainingResult result =
        new TrainingResult(
            config(3),
            last,
            TrainingStatus.COMPLETED,
            12,
            2.0,
            List.of(new EpochRecord(2, 12, 0.7, 0.7)),
            1.5,
            "",
            checkpoints);
    cache.store("k", result, null);

    assertThat(cache.load("k", config(3)).orElseThrow().checkpoints()).isEqualTo(checkpoints);
    // Without checkpoints asked for, the same entry serves the weights alone.
    TrainingResult plain = cache.load("k", config(0)).orElseThrow();
    assertThat(plain.parameters()).isEqualTo(last);
    assertThat(plain.checkpoints()).isEmpty();
    // A different number asked for means training again.
    assertThat(cache.load("k", config(5))).isEmpty();

    // An entry stored without checkpoints cannot serve a run that wants them.
    cache.store(
        "plain",
        new TrainingResult(config(0), last, TrainingStatus.COMPLETED, 12, 2.0, List.of(), 1.5, ""),
        null);
    assertThat(cache.load("plain", config(3))).isEmpty();
    assertThat(cache.load("plain", config(0))).isPresent();
  }
}
