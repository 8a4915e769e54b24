package org.losslandscape.pipeline.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Fashion-MNIST comes from.
 *
 * @param directory an explicit folder with the four IDX files; empty to search the usual places
 *     (see {@code FashionMnistLocator})
 */
public record DataSettings(Optional<Path> directory) {

  /** No explicit folder: search, then download. */
  public static DataSettings defaults() {
    return new DataSettings(Optional.empty());
  }
}
