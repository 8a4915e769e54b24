package org.losslandscape.pipeline.config;

import java.nio.file.Path;

/**
 * Where trained weights and finished slices are kept between runs.
 *
 * @param directory the cache folder (may live on shared storage)
 * @param retrain ignore cached weights and train again
 */
public record CacheSettings(Path directory, boolean retrain) {

  /** {@code ~/.cache/loss-landscape/models}, cached weights reused. */
  public static CacheSettings defaults() {
    return new CacheSettings(
        Path.of(System.getProperty("user.home"), ".cache", "loss-landscape", "models"), false);
  }
}
