package org.losslandscape.pipeline.results;

import java.util.List;

/**
 * The contents of a run's {@code checkpoints/index.json}.
 *
 * @param format {@link #FORMAT}
 * @param requested how many checkpoints the run asked for, the initial and final weights included
 *     (more than {@code checkpoints} lists when the run had fewer steps)
 * @param parameters the parameter files in every step's folder, in graph order
 * @param checkpoints the kept steps in training order: the first is the initial weights, the last
 *     the final ones
 */
public record CheckpointIndex(
    String format, int requested, List<String> parameters, List<Entry> checkpoints) {

  /** The format name and version of the index. */
  public static final String FORMAT = "loss-landscape-checkpoints/1";

  public CheckpointIndex {
    parameters = List.copyOf(parameters);
    checkpoints = List.copyOf(checkpoints);
  }

  /**
   * One kept step.
   *
   * @param step minibatch updates done when the weights were read (0 = initial weights)
   * @param folder its folder, relative to the checkpoints folder: {@code step-<step>}
   */
  public record Entry(long step, String folder) {}
}
