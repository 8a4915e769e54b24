package org.losslandscape.pipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.losslandscape.pipeline.io.ResultsException;

/** Checks the output folder before any work, so a typo costs a second, not a training run. */
final class OutputFolder {

  private OutputFolder() {}

  static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new ResultsException(
          "cannot write to output folder "
              + dir.toAbsolutePath()
              + " ("
              + e.getClass().getSimpleName()
              + "); choose another with --out DIR");
    }
  }
}
