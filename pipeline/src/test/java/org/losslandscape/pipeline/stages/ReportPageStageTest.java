package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReportPageStage} on the tiny study's files: the page is written into the results folder,
 * self-contained, and carries the study's numbers from its summary.
 */
class ReportPageStageTest {

  @TempDir Path tmp;

  @Test
  void thePageIsBuiltFromTheFilesOfTheResultsFolder() throws Exception {
    TinyStages.Study study = TinyStages.study();
    // The study's model folders (weights, arrays, training curves) and its summary.
    try (Stream<Path> files = Files.walk(study.out())) {
      for (Path p : files.toList()) {
        Path copy = tmp.resolve(study.out().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(p, copy);
        }
      }
    }
    ReportStageTest.writeSummary(tmp, Map.of("train", 1.0));

    new ReportPageStage(TinyStages.output(study.settings(), tmp)).write();

    Path page = tmp.resolve("report.html");
    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>");
    for (String recipe : TinyStages.RECIPES) {
      assertThat(html).contains(recipe);
    }
    // The centre loss of the first slice, as the summary has it, is on the page.
    String centre =
        Double.toString(study.landscapes().get(0).primary().centreLoss()).substring(0, 6);
    assertThat(html).contains(centre);
    assertThat(html).doesNotContain("<script src=\"http");
  }
}
