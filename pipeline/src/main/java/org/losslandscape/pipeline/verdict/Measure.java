package org.losslandscape.pipeline.verdict;

import java.util.Objects;

/**
 * One sharpness measure the verdict compares recipes by. Larger means sharper for every measure.
 *
 * @param key a stable machine-readable name, e.g. {@code slice_sharpness@0.5}
 * @param label a short human-readable name for tables and figure titles
 * @param definition what it is, in one line, with its settings
 */
public record Measure(String key, String label, String definition) {

  public Measure {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(definition, "definition");
  }

  /** Slice sharpness at radius {@code epsilon} (each run's mean over its direction pairs). */
  public static Measure sliceSharpness(double epsilon, String normalization) {
    return new Measure(
        "slice_sharpness@" + epsilon,
        "slice S(" + epsilon + ")",
        "max over grid points within radius "
            + epsilon
            + " of L(a, b) - L(0, 0) on a 2-D slice along "
            + normalization
            + "-normalized directions, mean over direction pairs");
  }
}
