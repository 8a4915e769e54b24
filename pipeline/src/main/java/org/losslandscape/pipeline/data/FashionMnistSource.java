package org.losslandscape.pipeline.data;

import java.nio.file.Path;

/**
 * Where the data set was loaded from and how that folder was chosen, for logs and result files.
 *
 * @param directory the folder holding the four files
 * @param origin how the folder was found
 */
public record FashionMnistSource(Path directory, Origin origin) {

  /** How the data folder was found, in the order {@link FashionMnistLocator} tries them. */
  public enum Origin {
    /** Given explicitly with {@code --data-dir}. */
    DATA_DIR_OPTION("--data-dir"),
    /** Named by the environment variable {@code FASHION_MNIST_DIR}. */
    ENVIRONMENT("FASHION_MNIST_DIR"),
    /** Found in the per-user cache, {@code ~/.cache/loss-landscape/fashion-mnist}. */
    USER_CACHE("user cache"),
    /** Installed by the Debian/Ubuntu package {@code dataset-fashion-mnist}. */
    SYSTEM_PACKAGE("package dataset-fashion-mnist"),
    /** Downloaded into the per-user cache during this run. */
    DOWNLOADED("downloaded");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    /** A short human-readable label, e.g. {@code --data-dir}. */
    public String label() {
      return label;
    }
  }

  /** Whether the files were downloaded during this run. */
  public boolean downloaded() {
    return origin == Origin.DOWNLOADED;
  }

  /** For example {@code /usr/share/datasets/fashion-mnist (package dataset-fashion-mnist)}. */
  public String describe() {
    return directory + " (" + origin.label() + ")";
  }
}
