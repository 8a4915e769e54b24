package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.trajectory.TrajectoryPlane;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.NpyArray;

/**
 * {@link TrajectoryStage} on a model trained for 20 steps with 5 checkpoints: the plane passes
 * through the final weights, the path's projection is written with the checkpoints' steps, and a
 * run without checkpoints is skipped.
 */
class TrajectoryStageTest {

  @TempDir Path tmp;

  @Test
  void aRunWithCheckpointsGetsAPlaneThroughItsFinalWeightsAndItsArrays() {
    StudySettings settings =
        TinyStages.settings(
            tmp.resolve("out"),
            tmp.resolve("cache"),
            "--configs",
            "high_lr_small_batch",
            "--steps",
            "20",
            "--checkpoints",
            "5");
    Injector injector = TinyStages.injector(settings);
    TinyStages.Study study = TinyStages.study();
    List<TrainedModel> models = injector.getInstance(TrainStage.class).run(study.data());
    TrajectoryStage stage = injector.getInstance(TrajectoryStage.class);
    assertThat(stage.enabled()).isTrue();

    List<ModelTrajectory> trajectories = stage.run(models, study.samples());

    assertThat(trajectories).hasSize(1);
    ModelTrajectory t = trajectories.get(0);
    assertThat(t.steps()).hasSize(5).startsWith(0L).endsWith(20L).isSorted();
    TrajectoryPlane plane = t.surface().plane();
    Parameters last = models.get(0).training().parameters();
    assertThat(plane.centre()).isEqualTo(last);
    assertThat(plane.pathLength()).isEqualTo(5);
    // The last checkpoint is the final weights: the origin of the plane.
    assertThat(plane.xCoordinates()[4]).isCloseTo(0, within(1e-6));
    assertThat(plane.yCoordinates()[4]).isCloseTo(0, within(1e-6));
    double[] ratios = plane.explainedVarianceRatios();
    assertThat(ratios[0]).isGreaterThanOrEqualTo(ratios[1]).isLessThanOrEqualTo(1.0);
    assertThat(ratios[0] + ratios[1]).isLessThanOrEqualTo(1.0 + 1e-9);

    Path dir = tmp.resolve("out").resolve(t.run().folder()).resolve("trajectory");
    NpyArray.Float32 loss = Npy.readFloat32(dir.resolve("loss.npy"));
    assertThat(loss.shape()).containsExactly(5, 5);
    assertThat(((NpyArray.Int32) Npy.read(dir.resolve("steps.npy"))).data())
        .containsExactly(t.steps().stream().mapToInt(Long::intValue).toArray());
    assertThat(Npy.readFloat32(dir.resolve("proj_xcoord.npy")).data()).hasSize(5);
  }

  @Test
  void aRunWithoutCheckpointsIsSkipped() {
    TinyStages.Study study = TinyStages.study();
    StudySettings settings =
        TinyStages.settings(tmp.resolve("out"), tmp.resolve("cache"), "--checkpoints", "5");

    List<ModelTrajectory> trajectories =
        TinyStages.injector(settings)
            .getInstance(TrajectoryStage.class)
            .run(study.models(), study.samples());

    assertThat(trajectories).as("the tiny study kept no checkpoints").isEmpty();
  }
}
