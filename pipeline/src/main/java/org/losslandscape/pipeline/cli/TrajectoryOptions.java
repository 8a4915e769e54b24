package org.losslandscape.pipeline.cli;

import org.losslandscape.pipeline.config.TrajectorySettings;
import picocli.CommandLine.Option;

/**
 * Options of the training-trajectory figure (off by default): {@code --trajectory} or {@code
 * --checkpoints K} turns it on.
 */
public final class TrajectoryOptions {

  @Option(
      names = "--trajectory",
      description =
          "Keep checkpoints of each recipe's first seed, project the training path on its top two"
              + " principal components and draw it on the loss contours of their plane"
              + " (trajectory.png; default: off).")
  boolean trajectory;

  @Option(
      names = "--checkpoints",
      paramLabel = "K",
      description =
          "Evenly spaced checkpoints per run, initial and final weights included, >= 3; turns"
              + " --trajectory on (default with --trajectory: "
              + TrajectorySettings.DEFAULT_CHECKPOINTS
              + ").")
  Integer checkpoints;
}
