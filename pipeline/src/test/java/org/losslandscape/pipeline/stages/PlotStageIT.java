package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.verdict.RunMeasurements;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;

/**
 * {@link PlotStage} on the tiny study's results, drawing into a folder of its own: every figure of
 * a study and of each model is a PNG with a picture in it, and each model's figures show its own
 * surface.
 */
class PlotStageIT {

  @TempDir Path tmp;

  @Test
  void drawsTheStudysFiguresAndEachModelsOwn() throws Exception {
    TinyStages.Study study = TinyStages.study();
    StudySettings s = study.settings();
    VerdictStage verdicts =
        new VerdictStage(
            s.training(),
            s.slice(),
            s.measures(),
            TinyStages.output(s, tmp),
            Invocation.defaults());
    List<RunMeasurements> runs = verdicts.measurements(study.results());
    ProtocolVerdict verdict = verdicts.protocol(runs);

    new PlotStage(s.slice(), TinyStages.output(s, tmp)).run(study.results(), runs, verdict);

    for (String figure :
        List.of(
            "surface_3d.png",
            "contour.png",
            "comparison.png",
            "sharpness.png",
            "sharpness_vs_gap.png")) {
      assertAPicture(tmp.resolve(figure));
    }
    for (String recipe : TinyStages.RECIPES) {
      for (String figure : List.of("surface_3d.png", "contour.png", "slices_1d.png")) {
        assertAPicture(tmp.resolve(recipe).resolve(figure));
      }
    }
    assertThat(Files.readAllBytes(tmp.resolve("high_lr_small_batch/contour.png")))
        .as("two different surfaces, two different pictures")
        .isNotEqualTo(Files.readAllBytes(tmp.resolve("low_lr_large_batch/contour.png")));
    assertThat(tmp.resolve("raw_vs_filter.png")).as("no raw slice in these results").doesNotExist();
  }

  /** A PNG that decodes, of a figure's size, with more than a handful of colours. */
  static void assertAPicture(Path file) throws Exception {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("%s decodes as an image", file).isNotNull();
    assertThat(image.getWidth()).as("%s width", file).isGreaterThan(300);
    assertThat(image.getHeight()).as("%s height", file).isGreaterThan(200);
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 3) {
      for (int y = 0; y < image.getHeight(); y += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("%s colours", file).isGreaterThan(20);
  }
}
