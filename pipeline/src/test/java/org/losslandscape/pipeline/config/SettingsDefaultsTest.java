package org.losslandscape.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.curvature.DensitySettings;
import org.losslandscape.models.curvature.EigenSettings;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.directions.BiasRule;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.interpolation.InterpolationRange;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.sharpness.AscentSettings;
import org.losslandscape.models.sharpness.MonteCarloSettings;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.models.training.TrainingBudget;

/**
 * Every default of every settings record, listed once more by hand (as Trino's config tests do): a
 * changed default, or a new setting without a decided default, fails here. The records' canonical
 * constructors take every component, so the lists below cannot silently miss one.
 */
class SettingsDefaultsTest {

  @Test
  void data() {
    assertThat(DataSettings.defaults())
        .isEqualTo(new DataSettings(new DataSettings.Source.FashionMnist()));
    assertThat(DataSettings.defaults().directory()).isEmpty();
  }

  @Test
  void device() {
    assertThat(DeviceSettings.defaults())
        .isEqualTo(new DeviceSettings(DeviceRequest.AUTO, false, 0, 8, 0, 0));
  }

  @Test
  void output() {
    assertThat(OutputSettings.defaults())
        .isEqualTo(new OutputSettings(Path.of("results"), true, false, ProgressMode.AUTO));
  }

  @Test
  void cache() {
    assertThat(CacheSettings.defaults())
        .isEqualTo(
            new CacheSettings(
                Path.of(System.getProperty("user.home"), ".cache", "loss-landscape", "models"),
                false));
  }

  @Test
  void training() {
    assertThat(TrainingSettings.defaults())
        .isEqualTo(
            new TrainingSettings(
                List.of(
                    new Recipe("high_lr_small_batch", 0.1, 32),
                    new Recipe("high_lr_large_batch", 0.1, 1024),
                    new Recipe("low_lr_small_batch", 0.01, 32),
                    new Recipe("low_lr_large_batch", 0.01, 1024)),
                new NetworkChoice.Mlp(List.of(128, 64)),
                Initialization.HE,
                LearningRateSchedule.constant(),
                Optimizer.sgd(),
                0.0,
                new TrainingBudget.Epochs(10),
                42,
                5));
  }

  @Test
  void slice() {
    assertThat(SliceSettings.defaults())
        .isEqualTo(
            new SliceSettings(
                new GridSpec(31, -1, 1),
                Normalization.FILTER,
                BiasRule.ZERO,
                10_000,
                DataSplit.TRAIN,
                7,
                3,
                List.of(0.1, 0.25, 0.5, 1.0),
                1));
  }

  @Test
  void trajectory() {
    assertThat(TrajectorySettings.defaults()).isEqualTo(new TrajectorySettings(0, 0.25));
    assertThat(TrajectorySettings.defaults().enabled()).isFalse();
    assertThat(TrajectorySettings.DEFAULT_CHECKPOINTS).isEqualTo(21);
  }

  @Test
  void interpolation() {
    assertThat(InterpolationSettings.defaults())
        .isEqualTo(
            new InterpolationSettings(false, new InterpolationRange(-0.5, 1.5, 41), List.of()));
  }

  @Test
  void study() {
    assertThat(StudySettings.defaults())
        .isEqualTo(
            new StudySettings(
                DataSettings.defaults(),
                DeviceSettings.defaults(),
                OutputSettings.defaults(),
                CacheSettings.defaults(),
                TrainingSettings.defaults(),
                SliceSettings.defaults(),
                MeasureSettings.defaults(),
                TrajectorySettings.defaults(),
                InterpolationSettings.defaults()));
  }

  @Test
  void measures() {
    assertThat(MeasureSettings.defaults())
        .isEqualTo(
            new MeasureSettings(
                Set.of("hessian"),
                new EigenSettings(3, 1e-3, 100, 0),
                30,
                new DensitySettings(3, 40, 0, 400, 0.01),
                0.05,
                0.5,
                0.01,
                1e-3,
                new AscentSettings(20, 2, 2.0, 0),
                0.01,
                0.1,
                new MonteCarloSettings(20, true, 0),
                0));
  }

  @Test
  void sweep() {
    assertThat(SweepSettings.defaults())
        .isEqualTo(
            new SweepSettings(
                new SweepGrid(List.of(0.1, 0.03, 0.01), List.of(32, 128, 1024)),
                new SweepBackend.Embedded(1)));
  }

  @Test
  void theDefaultStudyHasFourRecipesOfFiveSeedsEachAndSlicesTheFirst() {
    assertThat(TrainingSettings.defaults().runs())
        .extracting(RunId::folder)
        .containsExactly(
            "high_lr_small_batch",
            "high_lr_small_batch/seed-43",
            "high_lr_small_batch/seed-44",
            "high_lr_small_batch/seed-45",
            "high_lr_small_batch/seed-46",
            "high_lr_large_batch",
            "high_lr_large_batch/seed-43",
            "high_lr_large_batch/seed-44",
            "high_lr_large_batch/seed-45",
            "high_lr_large_batch/seed-46",
            "low_lr_small_batch",
            "low_lr_small_batch/seed-43",
            "low_lr_small_batch/seed-44",
            "low_lr_small_batch/seed-45",
            "low_lr_small_batch/seed-46",
            "low_lr_large_batch",
            "low_lr_large_batch/seed-43",
            "low_lr_large_batch/seed-44",
            "low_lr_large_batch/seed-45",
            "low_lr_large_batch/seed-46");
    assertThat(TrainingSettings.defaults().runs())
        .filteredOn(SliceSettings.defaults()::slices)
        .extracting(RunId::folder)
        .containsExactly(
            "high_lr_small_batch",
            "high_lr_large_batch",
            "low_lr_small_batch",
            "low_lr_large_batch");
  }
}
