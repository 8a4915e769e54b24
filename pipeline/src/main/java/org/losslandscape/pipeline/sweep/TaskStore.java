package org.losslandscape.pipeline.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.JsonMappers;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * The finished tasks of a sweep, one file each in {@code <out>/tasks/<task-id>.json}, written
 * atomically once the task's run folder is complete. A task whose file exists with the same
 * settings fingerprint is finished: a rerun, or a second attempt of the same task on another
 * machine, skips it.
 *
 * <p>The files keep every number exactly: non-finite values are written as the strings {@code
 * "NaN"}, {@code "Infinity"} and {@code "-Infinity"} (Jackson's defaults) and read back as such.
 */
public final class TaskStore {

  private static final Logger LOG = LogManager.getLogger(TaskStore.class);

  private static final ObjectMapper MAPPER = JsonMappers.files();

  private final Path directory;

  /** The store of the sweep writing to {@code outputDirectory}. */
  public TaskStore(Path outputDirectory) {
    this.directory = outputDirectory.resolve("tasks");
  }

  /** Where {@code task}'s result is kept. */
  public Path fileOf(SweepTask task) {
    return directory.resolve(task.id() + ".json");
  }

  /**
   * The stored result of {@code task}, if it finished under settings with {@code fingerprint}. A
   * file from other settings, or one that cannot be read, counts as not finished.
   */
  public Optional<SweepTaskResult> finished(SweepTask task, String fingerprint) {
    Path file = fileOf(task);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    SweepTaskResult stored;
    try {
      stored = MAPPER.readValue(file.toFile(), SweepTaskResult.class);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "{}: cannot read {} ({}); running the task again",
          task.id(),
          file,
          String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return Optional.empty();
    }
    if (!task.equals(stored.task()) || !fingerprint.equals(stored.fingerprint())) {
      LOG.info("{}: {} was computed under other settings; running the task again", task.id(), file);
      return Optional.empty();
    }
    return Optional.of(stored);
  }

  /** Stores {@code result} atomically, replacing an earlier one of the same task. */
  public void write(SweepTaskResult result) {
    try {
      AtomicFiles.write(fileOf(result.task()), MAPPER.writeValueAsBytes(result));
    } catch (IOException e) {
      throw new ResultsException(
          "cannot write the result of sweep task " + result.task().id() + ": " + e.getMessage(), e);
    }
  }
}
