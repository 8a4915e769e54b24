package org.losslandscape.pipeline.config;

import java.util.Locale;

/** A split of the data set. */
public enum DataSplit {
  /** The 60,000 training examples. */
  TRAIN,
  /** The 10,000 test examples. */
  TEST;

  /** Parses {@code train} or {@code test}. */
  public static DataSplit parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "train" -> TRAIN;
      case "test" -> TEST;
      default ->
          throw new IllegalArgumentException("unknown split '" + text + "' (use train or test)");
    };
  }

  /** The lower-case name used on the command line and in result files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
