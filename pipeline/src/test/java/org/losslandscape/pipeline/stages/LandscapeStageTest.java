package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.NpyArray;
import org.losslandscape.pipeline.results.ModelFiles;

/**
 * {@link LandscapeStage} on the tiny study's two trained models (784-16-10), one 5x5 slice each on
 * 60 samples: the grid's values are the loss at the weights moved along the directions, the arrays
 * on disk are the grid, and a second stage on the same cache reuses the slices.
 */
class LandscapeStageTest {

  @TempDir Path tmp;

  @Test
  void eachGridPointIsTheLossAtTheWeightsMovedAlongTheTwoDirections() {
    TinyStages.Study study = TinyStages.study();
    ExecutionSettings execution = study.injector().getInstance(ExecutionSettings.class);
    assertThat(study.landscapes()).hasSize(2);
    for (int m = 0; m < 2; m++) {
      ModelLandscape landscape = study.landscapes().get(m);
      Parameters centre = study.models().get(m).training().parameters();
      LandscapeGrid grid = landscape.primary();
      assertThat(landscape.run()).isEqualTo(study.models().get(m).run());
      assertThat(grid.spec().size()).isEqualTo(5);
      assertThat(grid.samples()).isEqualTo(60);
      double[] c = grid.spec().coordinates();
      assertThat(c).containsExactly(-1, -0.5, 0, 0.5, 1);
      MlpArchitecture architecture = MlpArchitecture.of(centre.architecture());
      try (MlpEvaluator evaluator = new MlpEvaluator(architecture, execution)) {
        // The centre, a corner and an edge point, evaluated independently.
        for (int[] ij : new int[][] {{2, 2}, {0, 4}, {3, 1}}) {
          Parameters moved =
              centre
                  .plus(c[ij[0]], landscape.directions().d1())
                  .plus(c[ij[1]], landscape.directions().d2());
          double expected = evaluator.evaluate(moved, study.samples().data()).loss();
          assertThat(grid.loss()[ij[0]][ij[1]])
              .as("loss at (%s, %s)", c[ij[0]], c[ij[1]])
              .isCloseTo(expected, within(1e-4 * Math.max(1, expected)));
        }
      }
      // Sharpness: a larger disk holds the smaller one, and the centre: never negative.
      double small = landscape.sharpness().get(0).at(0.5);
      double large = landscape.sharpness().get(0).at(1.0);
      assertThat(small).isGreaterThanOrEqualTo(0);
      assertThat(large).isGreaterThanOrEqualTo(small);
      assertThat(large)
          .isGreaterThanOrEqualTo(landscape.sharpness().get(0).values().get(1).gridValue());
    }
  }

  @Test
  void theArraysOnDiskAreTheGridTheCoordinatesTheSamplesAndTheDirections() {
    TinyStages.Study study = TinyStages.study();
    for (ModelLandscape landscape : study.landscapes()) {
      Path dir = study.out().resolve(landscape.run().folder());
      NpyArray.Float32 loss = Npy.readFloat32(dir.resolve("loss.npy"));
      assertThat(loss.shape()).containsExactly(5, 5);
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          assertThat(loss.data()[i * 5 + j]).isEqualTo((float) landscape.primary().loss()[i][j]);
        }
      }
      assertThat(Npy.readFloat32(dir.resolve("accuracy.npy")).data()[12])
          .isEqualTo((float) landscape.primary().accuracy()[2][2]);
      assertThat(Npy.readFloat32(dir.resolve("coords.npy")).data())
          .containsExactly(-1f, -0.5f, 0f, 0.5f, 1f);
      assertThat(((NpyArray.Int32) Npy.read(dir.resolve("eval_indices.npy"))).data())
          .containsExactly(study.samples().indices());
      MlpArchitecture a = MlpArchitecture.of(landscape.directions().d1().architecture());
      assertThat(ModelFiles.readTensors(dir.resolve("directions/d1"), a))
          .isEqualTo(landscape.directions().d1());
      assertThat(ModelFiles.readTensors(dir.resolve("directions/d2"), a))
          .isEqualTo(landscape.directions().d2());
      assertThat(dir.resolve("surface.h5")).isNotEmptyFile();
    }
  }

  @Test
  void aSecondStageOnTheSameCacheReusesTheFinishedSlices() throws Exception {
    TinyStages.Study study = TinyStages.study();
    Map<Path, FileTime> before = slices(study.cache());
    assertThat(before).isNotEmpty();
    StudySettings settings = TinyStages.settings(tmp.resolve("out"), study.cache());

    List<ModelLandscape> again =
        TinyStages.injector(settings)
            .getInstance(LandscapeStage.class)
            .run(study.models().stream().map(TrainedModel::weights).toList(), study.samples());

    for (int m = 0; m < 2; m++) {
      assertThat(again.get(m).primary().loss())
          .isDeepEqualTo(study.landscapes().get(m).primary().loss());
      assertThat(again.get(m).sharpness()).isEqualTo(study.landscapes().get(m).sharpness());
    }
    assertThat(slices(study.cache())).as("read, not written again").isEqualTo(before);
    assertThat(tmp.resolve("out").resolve(again.get(0).run().folder()).resolve("loss.npy"))
        .isNotEmptyFile();
  }

  @Test
  void theRawSliceHasTheSameCentreAndIsWrittenBesideTheModel() {
    TinyStages.Study study = TinyStages.study();
    LandscapeStage stage = study.injector().getInstance(LandscapeStage.class);
    TrainedModel model = study.models().get(0);

    LandscapeGrid raw = stage.rawSlice(model.weights(), study.samples());

    LandscapeGrid normalized = study.landscapes().get(0).primary();
    assertThat(raw.centreLoss()).isCloseTo(normalized.centreLoss(), within(1e-9));
    assertThat(raw.loss()[0][0]).isNotEqualTo(normalized.loss()[0][0]);
    Path rawDir = study.out().resolve(model.run().folder()).resolve("raw_directions");
    assertThat(Npy.readFloat32(rawDir.resolve("loss.npy")).data()[0])
        .isEqualTo((float) raw.loss()[0][0]);
  }

  private static Map<Path, FileTime> slices(Path cache) throws Exception {
    Map<Path, FileTime> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(cache.resolve("slices"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".grid")).toList()) {
        out.put(p, Files.getLastModifiedTime(p));
      }
    }
    return out;
  }
}
