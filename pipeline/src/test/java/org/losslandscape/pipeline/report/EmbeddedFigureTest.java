package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedFigureTest {

  @TempDir Path dir;

  @Test
  void findsTheFiguresThePageDoesNotDrawItselfByName() throws Exception {
    for (String name :
        List.of(
            "surface_3d.png",
            "contour.png",
            "comparison.png",
            "sharpness.png",
            "raw_vs_filter.png",
            "hessian_spectrum.png",
            "a_new_measure.png",
            ".hidden.png",
            "notes.txt",
            "r/surface_3d.png",
            "r/contour.png",
            "r/slices_1d.png",
            "r/trajectory.png",
            "other/stray.png")) {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {1, 2, 3, 4});
    }
    List<EmbeddedFigure> found = EmbeddedFigure.find(dir, List.of("r"));
    assertThat(found)
        .extracting(EmbeddedFigure::file)
        .containsExactly(
            "a_new_measure.png", "hessian_spectrum.png", "raw_vs_filter.png", "r/trajectory.png");
    assertThat(found)
        .extracting(EmbeddedFigure::title)
        .containsExactly(
            "A new measure",
            "Hessian spectrum",
            "Raw vs filter-normalized directions (same model, same draw)",
            "r: Trajectory");
    assertThat(found.get(0).bytes()).isEqualTo(4);
  }

  @Test
  void isInlinedAsABase64DataUriOfTheSizeItClaims() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    Files.write(dir.resolve("x.png"), png);
    EmbeddedFigure f = EmbeddedFigure.find(dir, List.of()).get(0);
    String uri = f.dataUri(dir);
    assertThat(uri).startsWith("data:image/png;base64,");
    assertThat(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))).isEqualTo(png);
    assertThat(f.pageCharacters()).isEqualTo(uri.length());
  }
}
