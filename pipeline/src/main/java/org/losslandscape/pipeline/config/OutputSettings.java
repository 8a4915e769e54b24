package org.losslandscape.pipeline.config;

import java.nio.file.Path;

/**
 * What a run writes and where.
 *
 * @param directory the results folder
 * @param plots draw the figures (numbers and arrays are always written)
 * @param logScale logarithmic colour scale in the figures
 */
public record OutputSettings(Path directory, boolean plots, boolean logScale) {

  /** {@code results/}, figures on, linear colour scale. */
  public static OutputSettings defaults() {
    return new OutputSettings(Path.of("results"), true, false);
  }
}
