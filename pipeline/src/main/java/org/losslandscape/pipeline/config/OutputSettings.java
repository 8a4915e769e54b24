package org.losslandscape.pipeline.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a run writes and where, and how it shows its progress.
 *
 * @param directory the results folder
 * @param plots draw the figures (numbers and arrays are always written)
 * @param logScale logarithmic colour scale in the figures
 * @param progress a live bar, periodic log lines, or the bar only on an interactive terminal
 */
public record OutputSettings(
    Path directory, boolean plots, boolean logScale, ProgressMode progress) {

  public OutputSettings {
    Objects.requireNonNull(progress, "progress");
  }

  /** {@code results/}, figures on, linear colour scale, the bar only on a terminal. */
  public static OutputSettings defaults() {
    return new OutputSettings(Path.of("results"), true, false, ProgressMode.AUTO);
  }
}
