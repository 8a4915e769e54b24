package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.losslandscape.pipeline.cli.Main;

/**
 * One small real study on the committed Fashion-MNIST subset (two recipes, one epoch, a 9x9 grid on
 * 300 samples, two direction pairs), run once per test JVM and shared by the report tests that need
 * real files. Its folder is under {@code target/}, so it is kept for inspection.
 */
final class TinyStudy {

  private TinyStudy() {}

  /** The study's results folder (the study runs on first use). */
  static Path results() {
    return Holder.RESULTS;
  }

  /** The command line of the study, with its output and cache folders. */
  static String[] arguments(Path out, Path cache) {
    try {
      Path data = Path.of(TinyStudy.class.getResource("/fashion-mnist-subset").toURI());
      return new String[] {
        "--data-dir", data.toString(),
        "--out", out.toString(),
        "--cache-dir", cache.toString(),
        "--configs", "high_lr_small_batch,low_lr_large_batch",
        "--epochs", "1",
        "--seeds", "1",
        "--grid-size", "9",
        "--landscape-samples", "300",
        "--direction-pairs", "2",
        "--device", "cpu",
        "--progress", "log"
      };
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Initialized on first use, by the JVM's class initialization (thread-safe, once). */
  private static final class Holder {
    static final Path RESULTS = run();

    private static Path run() {
      try {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "tiny-study-");
        StringWriter err = new StringWriter();
        int code =
            Main.run(
                new PrintWriter(err, true),
                arguments(dir.resolve("results"), dir.resolve("cache")));
        assertThat(code).as(err.toString()).isZero();
        return dir.resolve("results").toAbsolutePath();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
