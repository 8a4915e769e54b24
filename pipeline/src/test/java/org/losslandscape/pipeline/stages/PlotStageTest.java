package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.config.StudySettings;

/**
 * {@link PlotStage}'s figures of one model, drawn into a folder of its own from the tiny study's
 * slice: the 3-D surface, the contour map and the 1-D slices through the centre, each a PNG with a
 * picture in it, all in the model's folder. {@link PlotStageIT} draws the whole study's.
 */
class PlotStageTest {

  @TempDir Path tmp;

  @Test
  void drawsAModelsThreeFiguresIntoItsFolder() throws Exception {
    TinyStages.Study study = TinyStages.study();
    StudySettings s = study.settings();
    ModelLandscape landscape = study.landscapes().get(0);

    new PlotStage(s.slice(), TinyStages.output(s, tmp)).perModel(landscape);

    Path folder = tmp.resolve(landscape.run().folder());
    for (String figure : List.of("surface_3d.png", "contour.png", "slices_1d.png")) {
      PlotStageIT.assertAPicture(folder.resolve(figure));
    }
    try (var files = Files.list(tmp)) {
      assertThat(files).as("only the model's folder").containsExactly(folder);
    }
  }
}
