package org.losslandscape.pipeline.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.training.Checkpoint;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * A run's checkpoints on disk, in the layout of the weights: {@code step-<n>/<param>.npy} (float32,
 * kernels {@code [in, out]}) for every kept step, and {@code index.json} listing the steps in
 * training order with their folders ({@link CheckpointIndex}). Read back by the weights cache;
 * anyone can load them with numpy.
 */
public final class CheckpointFiles {

  /** The name of the index file inside the checkpoints folder. */
  public static final String INDEX = "index.json";

  private CheckpointFiles() {}

  /**
   * Writes {@code checkpoints} under {@code dir}, the index last, so a folder with an index is
   * complete.
   *
   * @param requested how many checkpoints the run asked for (more than were kept when the run had
   *     fewer steps than that)
   */
  public static void write(Path dir, List<Checkpoint> checkpoints, int requested) {
    List<CheckpointIndex.Entry> entries = new ArrayList<>();
    for (Checkpoint c : checkpoints) {
      String folder = "step-" + c.step();
      ModelFiles.writeTensors(dir.resolve(folder), c.parameters());
      entries.add(new CheckpointIndex.Entry(c.step(), folder));
    }
    Json.write(
        dir.resolve(INDEX),
        new CheckpointIndex(
            CheckpointIndex.FORMAT,
            requested,
            checkpoints.isEmpty()
                ? List.of()
                : checkpoints.get(0).parameters().architecture().parameterNames(),
            entries));
  }

  /** The index of the checkpoints under {@code dir}, if {@code dir} holds a complete set. */
  public static Optional<CheckpointIndex> index(Path dir) {
    Path file = dir.resolve(INDEX);
    return Files.isRegularFile(file)
        ? Optional.of(Json.read(file, CheckpointIndex.class))
        : Optional.empty();
  }

  /**
   * Reads the checkpoints under {@code dir} written for {@code architecture}, in training order; a
   * missing or malformed file is a one-line error naming it.
   */
  public static List<Checkpoint> read(Path dir, Network architecture) {
    CheckpointIndex index =
        index(dir)
            .orElseThrow(
                () -> new ResultsException("missing checkpoint index " + dir.resolve(INDEX)));
    List<Checkpoint> out = new ArrayList<>();
    for (CheckpointIndex.Entry e : index.checkpoints()) {
      out.add(
          new Checkpoint(e.step(), ModelFiles.readTensors(dir.resolve(e.folder()), architecture)));
    }
    return out;
  }
}
