package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.curvature.DensitySettings;
import org.losslandscape.models.curvature.EigenSettings;
import org.losslandscape.models.curvature.SpectralDensity;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.sharpness.AscentSettings;
import org.losslandscape.models.sharpness.MonteCarloSettings;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.NpyArray;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.SpectrumMeasure;
import org.losslandscape.pipeline.measures.WorstCaseMeasure;

/**
 * {@link MeasureStage} with every measure, small budgets, on the tiny study's two 784-16-10 models
 * and its 60 landscape samples: the loss it measures on is the slices' centre loss, the top
 * eigenvalue bounds the curvature along any direction and every Ritz value, the worst cases are
 * never below the centre, and the density is written.
 */
class MeasureStageTest {

  @TempDir Path tmp;

  private static MeasureSettings everyMeasure() {
    return new MeasureSettings(
        Set.copyOf(Measures.selectable()),
        new EigenSettings(2, 1e-4, 60, 1),
        4,
        new DensitySettings(1, 12, 0, 50, 0.01),
        0.05,
        0.5,
        0.01,
        1e-3,
        new AscentSettings(4, 1, AscentSettings.defaults().initialStep(), 0),
        0.01,
        0.1,
        new MonteCarloSettings(4, true, 0),
        0);
  }

  @Test
  void measuresEachModelOnTheSlicesSamplesAndWritesTheDensity() {
    TinyStages.Study study = TinyStages.study();
    ExecutionSettings execution = study.injector().getInstance(ExecutionSettings.class);
    MeasureStage stage =
        new MeasureStage(
            everyMeasure(),
            SliceSettings.defaults(),
            execution,
            TinyStages.output(study.settings(), tmp),
            study.injector().getInstance(Lanes.class));
    assertThat(stage.active()).isTrue();

    List<RunMeasures> measured =
        stage.run(study.models().stream().map(TrainedModel::weights).toList(), study.samples());

    assertThat(measured).hasSize(2);
    for (int m = 0; m < 2; m++) {
      RunMeasures r = measured.get(m);
      TrainedModel model = study.models().get(m);
      assertThat(r.run()).isEqualTo(model.run());
      assertThat(r.loss())
          .as("the same samples and weights as the slice's centre")
          .isCloseTo(study.landscapes().get(m).primary().centreLoss(), within(1e-5));

      double[] top = r.resultOf(Measures.HESSIAN).orElseThrow().top().values();
      assertThat(top).hasSize(2);
      assertThat(top[0]).isGreaterThanOrEqualTo(top[1]).isPositive();
      double curvature = curvatureAlong(model, study, execution);
      assertThat(curvature)
          .as("a Rayleigh quotient never exceeds lambda_max %s", top[0])
          .isLessThanOrEqualTo(top[0] * 1.02 + 1e-3);
      assertThat(r.resultOf(Measures.HESSIAN).orElseThrow().trace().perProbe()).hasSize(4);

      SpectralDensity density = r.resultOf(Measures.SPECTRUM).orElseThrow();
      assertThat(density.dimension()).isEqualTo(784 * 16 + 16 + 16 * 10 + 10);
      for (SpectralDensity.Quadrature q : density.quadratures()) {
        assertThat(q.nodes()[q.nodes().length - 1])
            .as("Ritz values lie below the top eigenvalue")
            .isLessThanOrEqualTo(top[0] * 1.01);
      }
      NpyArray.Float32 file =
          Npy.readFloat32(tmp.resolve(model.run().folder()).resolve(SpectrumMeasure.FILE));
      assertThat(file.shape()).containsExactly(2, density.grid().length);
      assertThat(file.data()[0]).isEqualTo((float) density.grid()[0]);

      WorstCaseMeasure.Result worst = r.resultOf(Measures.WORST_CASE).orElseThrow();
      for (double v :
          new double[] {worst.sam().value(), worst.asam().value(), worst.keskar().value()}) {
        assertThat(v).as("the ball holds the centre").isGreaterThanOrEqualTo(0);
      }
      assertThat(r.resultOf(Measures.AVERAGE_CASE).orElseThrow().isotropic().perSample())
          .hasSize(4);
      assertThat(r.resultOf(Measures.AVERAGE_CASE).orElseThrow().elementScaled().increase().mean())
          .isFinite();
    }
  }

  @Test
  void onlySlicesAskedForMeansNothingToMeasure() {
    TinyStages.Study study = TinyStages.study();
    MeasureStage stage =
        new MeasureStage(
            everyMeasure().withSelected(Set.of()),
            SliceSettings.defaults(),
            study.injector().getInstance(ExecutionSettings.class),
            TinyStages.output(study.settings(), tmp),
            study.injector().getInstance(Lanes.class));

    assertThat(stage.active()).isFalse();
    assertThat(
            stage.run(study.models().stream().map(TrainedModel::weights).toList(), study.samples()))
        .isEmpty();
  }

  /**
   * The loss's second derivative along the first slice direction, normalized to unit length, by a
   * central difference of independently evaluated losses.
   */
  private static double curvatureAlong(
      TrainedModel model, TinyStages.Study study, ExecutionSettings execution) {
    Parameters w = model.training().parameters();
    ModelLandscape landscape = study.landscapeOf(model);
    Parameters d = landscape.directions().d1();
    double unit = 1 / d.norm();
    double h = 0.02;
    try (MlpEvaluator evaluator = new MlpEvaluator(w.architecture(), execution)) {
      double plus = evaluator.evaluate(w.plus(h * unit, d), study.samples().data()).loss();
      double minus = evaluator.evaluate(w.plus(-h * unit, d), study.samples().data()).loss();
      double centre = evaluator.evaluate(w, study.samples().data()).loss();
      return (plus + minus - 2 * centre) / (h * h);
    }
  }
}
