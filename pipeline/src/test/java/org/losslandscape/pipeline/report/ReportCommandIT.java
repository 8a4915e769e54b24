package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.cli.Main;

/** {@code loss-landscape report --results DIR} on a copy of a real study's folder. */
class ReportCommandIT {

  @TempDir Path tmp;

  private record Run(int code, String err) {}

  private static Run report(String... args) {
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "report";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(new PrintWriter(err, true), all);
    return new Run(code, err.toString());
  }

  @Test
  void writesThePageAndRedrawsTheLandscapeFiguresFromTheArrays() throws Exception {
    Path copy = copyOf(TinyStudy.results());
    Files.delete(copy.resolve("report.html"));
    Files.delete(copy.resolve("comparison.png"));
    Files.delete(copy.resolve("high_lr_small_batch/slices_1d.png"));
    FileTime before = Files.getLastModifiedTime(copy.resolve("sharpness_vs_gap.png"));

    Run run = report("--results", copy.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.readString(copy.resolve("report.html")))
        .contains("high_lr_small_batch", "plotly.js v" + PlotlyBundle.VERSION);
    for (String figure :
        new String[] {"comparison.png", "surface_3d.png", "sharpness.png", "raw_vs_filter.png"}) {
      BufferedImage image = ImageIO.read(copy.resolve(figure).toFile());
      assertThat(image.getWidth()).as(figure).isGreaterThanOrEqualTo(1600);
    }
    assertThat(ImageIO.read(copy.resolve("high_lr_small_batch/slices_1d.png").toFile()))
        .isNotNull();
    // The verdict's figure needs the verdict's data: it is embedded as it is, not redrawn.
    assertThat(Files.getLastModifiedTime(copy.resolve("sharpness_vs_gap.png"))).isEqualTo(before);
  }

  @Test
  void withNoPlotsOnlyThePageIsWritten() throws Exception {
    Path copy = copyOf(TinyStudy.results());
    FileTime before = Files.getLastModifiedTime(copy.resolve("comparison.png"));
    Files.delete(copy.resolve("report.html"));
    Run run = report("--results", copy.toString(), "--no-plots");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(copy.resolve("report.html")).isRegularFile();
    assertThat(Files.getLastModifiedTime(copy.resolve("comparison.png"))).isEqualTo(before);
  }

  @Test
  void aFolderThatIsNotAResultsFolderIsAOneLineError() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "hello");
    Run run = report("--results", tmp.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err())
        .isEqualTo(
            "loss-landscape: "
                + tmp
                + " is not a results folder: it has no summary.json (a study writes one into its"
                + " output folder)\n");
    Run missing = report("--results", tmp.resolve("nowhere").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("it is not a folder").hasLineCount(1);
  }

  @Test
  void aCorruptSummaryIsAOneLineError() throws Exception {
    Path copy = copyOf(TinyStudy.results());
    String summary = Files.readString(copy.resolve("summary.json"));
    Files.writeString(copy.resolve("summary.json"), summary.substring(0, summary.length() / 2));
    Run run = report("--results", copy.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("loss-landscape: cannot parse ")
        .contains("not valid JSON at line ", "write it again")
        .hasLineCount(1);

    Files.writeString(copy.resolve("summary.json"), "{\"format\": \"something-else\"}");
    Run other = report("--results", copy.toString());
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).contains("is not a loss-landscape summary").hasLineCount(1);
  }

  @Test
  void aCorruptArrayIsAOneLineError() throws Exception {
    Path copy = copyOf(TinyStudy.results());
    Files.write(copy.resolve("low_lr_large_batch/loss.npy"), new byte[] {1, 2, 3});
    Run run = report("--results", copy.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("low_lr_large_batch/loss.npy").hasLineCount(1);
  }

  private Path copyOf(Path source) throws IOException {
    Path target = Files.createTempDirectory(tmp, "copy");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
          Files.setLastModifiedTime(to, Files.getLastModifiedTime(p));
        }
      }
    }
    return target;
  }
}
