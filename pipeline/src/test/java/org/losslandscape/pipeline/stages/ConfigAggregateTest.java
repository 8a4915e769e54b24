package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.RunConfig;

class ConfigAggregateTest {

  private final RunConfig config = new RunConfig("c", 0.1, 32);
  private final Parameters weights = Parameters.zeros(new MlpArchitecture(2, List.of(2), 2));

  private TrainedModel run(long seed, boolean diverged, double testAccuracy) {
    TrainingConfig tc =
        new TrainingConfig(
            "c",
            0.1,
            32,
            0,
            LearningRateSchedule.constant(),
            new TrainingBudget.Epochs(1),
            seed,
            40);
    TrainingResult r =
        new TrainingResult(
            tc,
            weights,
            diverged ? TrainingStatus.DIVERGED : TrainingStatus.COMPLETED,
            1,
            1,
            List.of(),
            0,
            "");
    String folder = seed == 1 ? "c" : "c/seed-" + seed;
    return diverged
        ? new TrainedModel(config, seed, folder, r, null, null, false)
        : new TrainedModel(
            config,
            seed,
            folder,
            r,
            new Metrics(0.3, 0.9, 10),
            new Metrics(0.5, testAccuracy, 10),
            false);
  }

  /** A landscape whose slice sharpness at eps 1 is {@code pair} for each direction pair. */
  private ModelLandscape landscape(String folder, double... pairs) {
    GridSpec spec = new GridSpec(3, -1, 1);
    List<SliceSharpness> perPair = new java.util.ArrayList<>();
    List<LandscapeGrid> grids = new java.util.ArrayList<>();
    for (double v : pairs) {
      double[][] loss = {{9, 1 + v, 9}, {1 + v, 1, 1}, {9, 1, 9}};
      LandscapeGrid g = new LandscapeGrid(spec, loss, new double[3][3], 1);
      grids.add(g);
      perPair.add(SliceSharpness.of(g, List.of(1.0)));
    }
    return new ModelLandscape("c", folder, null, grids, perPair, SharpnessReport.of(perPair));
  }

  @Test
  void withSeveralSeedsIntervalsAreOverSeedMeansOfPairs() {
    ConfigAggregate a =
        new ConfigAggregate(
            config,
            List.of(run(1, false, 0.8), run(2, false, 0.9), run(3, false, 1.0)),
            List.of(
                landscape("c", 1, 3), landscape("c/seed-2", 2, 2), landscape("c/seed-3", 5, 1)));
    assertThat(a.overSeeds()).isTrue();
    assertThat(a.sharpnessPerSeed(1.0)).containsExactly(2, 2, 3);
    assertThat(a.sharpness(1.0).mean()).isCloseTo(7.0 / 3, within(1e-12));
    assertThat(a.sharpness(1.0).n()).isEqualTo(3);
    assertThat(a.testAccuracy().mean()).isCloseTo(0.9, within(1e-12));
    assertThat(a.intervalSource()).isEqualTo("3 training seeds");
  }

  @Test
  void whenOnlyOneSeedSurvivesItsSharpnessIsAPointNotAPairInterval() {
    ConfigAggregate a =
        new ConfigAggregate(
            config,
            List.of(run(1, false, 0.8), run(2, true, 0), run(3, true, 0)),
            List.of(landscape("c", 1, 3)));
    assertThat(a.sharpness(1.0).n()).isEqualTo(1);
    assertThat(a.sharpness(1.0).mean()).isCloseTo(2, within(1e-12));
    assertThat(a.sharpness(1.0).halfWidth()).isZero();
    assertThat(a.intervalSource()).isEqualTo("3 training seeds (1 did not diverge)");
    assertThat(a.testAccuracy().n()).isEqualTo(1);
  }

  @Test
  void orderingsAreStatedOnlyWhenIntervalsSeparate() {
    RunConfig flat = new RunConfig("flat", 0.1, 32);
    RunConfig sharp = new RunConfig("sharp", 0.01, 1024);
    RunConfig noisy = new RunConfig("noisy", 0.1, 1024);
    List<ConfigAggregate> all =
        List.of(
            aggregate(sharp, 5, 5.2, 4.8), aggregate(flat, 1, 1.1, 0.9), aggregate(noisy, 1, 5, 9));
    assertThat(ConfigAggregate.separatedOrderings(all, 1.0))
        .containsExactly("flat flatter than sharp");
  }

  private ConfigAggregate aggregate(RunConfig c, double... perSeed) {
    List<TrainedModel> runs = new java.util.ArrayList<>();
    List<ModelLandscape> landscapes = new java.util.ArrayList<>();
    for (int s = 0; s < perSeed.length; s++) {
      TrainedModel m = run(s + 1, false, 0.9);
      runs.add(new TrainedModel(c, m.seed(), m.folder(), m.training(), m.train(), m.test(), false));
      landscapes.add(landscape(m.folder(), perSeed[s]));
    }
    return new ConfigAggregate(c, runs, landscapes);
  }

  @Test
  void withOneSeedIntervalsAreOverDirectionPairs() {
    ConfigAggregate a =
        new ConfigAggregate(config, List.of(run(1, false, 0.8)), List.of(landscape("c", 1, 3)));
    assertThat(a.overSeeds()).isFalse();
    assertThat(a.sharpness(1.0).n()).isEqualTo(2);
    assertThat(a.sharpness(1.0).mean()).isCloseTo(2, within(1e-12));
    assertThat(a.intervalSource()).startsWith("direction pairs of one training seed");
  }
}
