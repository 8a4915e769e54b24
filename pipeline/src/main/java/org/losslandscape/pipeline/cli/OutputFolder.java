package org.losslandscape.pipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Checks the output folder before any work, so a typo costs a second, not a training run; and
 * clears the hidden temporary files a killed earlier run may have left there.
 */
final class OutputFolder {

  private static final Logger LOG = LogManager.getLogger(OutputFolder.class);

  /** The temporary siblings {@code AtomicFiles} writes before renaming: {@code .NAME.tmp-NNNN}. */
  private static final Pattern TEMPORARY = Pattern.compile("^\\..+\\.tmp-\\d+$");

  /** Age after which a temporary file is certainly not being written any more. */
  static final Duration STALE = Duration.ofMinutes(10);

  private OutputFolder() {}

  /** Creates {@code dir} if needed, proves it writable, and removes stale temporaries in it. */
  static void prepare(Path dir) {
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
    removeStaleTemporaries(dir);
  }

  /**
   * Removes temporaries older than {@link #STALE}: a live writer (another run sharing the folder)
   * renames its temporary within seconds, so only a killed run's are that old.
   */
  private static void removeStaleTemporaries(Path dir) {
    long cutoff = System.currentTimeMillis() - STALE.toMillis();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (TEMPORARY.matcher(p.getFileName().toString()).matches()
            && Files.getLastModifiedTime(p).toMillis() < cutoff) {
          Files.deleteIfExists(p);
          LOG.info("removed {}, left by an interrupted earlier run", p);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not clear temporary files in {}: {}", dir, e.getMessage());
    }
  }
}
