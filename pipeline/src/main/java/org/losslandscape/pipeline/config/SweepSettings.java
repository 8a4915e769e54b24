package org.losslandscape.pipeline.config;

import java.util.Objects;

/**
 * What a sweep adds to a study's settings: the grid its recipes come from and where its tasks run.
 * Everything else (budget, seeds, slices, output, cache) is the study's.
 *
 * @param grid the learning rates and batch sizes
 * @param backend embedded (the default) or Spark
 */
public record SweepSettings(SweepGrid grid, SweepBackend backend) {

  public SweepSettings {
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(backend, "backend");
  }

  /** The default grid, embedded, one task at a time. */
  public static SweepSettings defaults() {
    return new SweepSettings(SweepGrid.defaults(), new SweepBackend.Embedded(1));
  }
}
