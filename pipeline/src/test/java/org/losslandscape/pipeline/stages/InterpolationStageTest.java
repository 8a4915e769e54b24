package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.io.Npy;

/**
 * {@link InterpolationStage} between the tiny study's two models: the line's ends are the models'
 * own losses, its midpoint is the loss of the averaged weights, and the curves are written.
 */
class InterpolationStageTest {

  @TempDir Path tmp;

  private InterpolationStage stage(TinyStages.Study study) {
    StudySettings settings =
        TinyStages.settings(
            tmp,
            study.cache(),
            "--interpolation-pairs",
            "high_lr_small_batch:low_lr_large_batch",
            "--interpolation-points",
            "5");
    return TinyStages.injector(settings).getInstance(InterpolationStage.class);
  }

  @Test
  void theLineRunsFromOneMinimumToTheOtherThroughTheirAverage() {
    TinyStages.Study study = TinyStages.study();
    InterpolationStage stage = stage(study);
    assertThat(stage.enabled()).isTrue();

    List<PairInterpolation> pairs =
        stage.run(study.settings().training().recipes(), study.models(), study.data());

    assertThat(pairs).hasSize(1);
    PairInterpolation p = pairs.get(0);
    assertThat(p.from()).isEqualTo("high_lr_small_batch");
    assertThat(p.to()).isEqualTo("low_lr_large_batch");
    assertThat(p.train().t()).contains(0.0, 0.5, 1.0);
    TrainedModel a = study.models().get(0);
    TrainedModel b = study.models().get(1);
    assertThat(p.train().lossAt(0)).isCloseTo(a.train().loss(), within(1e-6));
    assertThat(p.train().lossAt(1)).isCloseTo(b.train().loss(), within(1e-6));
    assertThat(p.test().lossAt(1)).isCloseTo(b.test().loss(), within(1e-6));
    Parameters wa = a.training().parameters();
    Parameters average = wa.plus(0.5, b.training().parameters().plus(-1, wa));
    try (MlpEvaluator evaluator =
        new MlpEvaluator(
            wa.architecture(), study.injector().getInstance(ExecutionSettings.class))) {
      assertThat(p.train().lossAt(0.5))
          .isCloseTo(evaluator.evaluate(average, study.data().train()).loss(), within(1e-5));
    }
    Path dir = tmp.resolve(p.folder());
    assertThat(Npy.readFloat32(dir.resolve("t.npy")).data()).hasSize(p.train().t().length);
    assertThat(Npy.readFloat32(dir.resolve("test_loss.npy")).data()[0])
        .isEqualTo((float) p.test().loss()[0]);
  }

  @Test
  void twoNetworksOfDifferentShapesCannotBeJoined() {
    TinyStages.Study study = TinyStages.study();
    Parameters other = Initialization.HE.initialize(new MlpArchitecture(784, List.of(8), 10), 1);

    assertThatThrownBy(
            () ->
                stage(study)
                    .interpolate(
                        "a",
                        study.models().get(0).training().parameters(),
                        "b",
                        other,
                        study.data()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
