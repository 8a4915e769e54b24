package org.losslandscape.pipeline.verdict;

import java.util.Objects;

/**
 * One value the verdict compares recipes by. Larger means sharper for every measure. The measures
 * themselves, which make these, are in {@code org.losslandscape.pipeline.measures}.
 *
 * @param key a stable machine-readable name, e.g. {@code slice_sharpness@0.5}
 * @param label a short human-readable name for tables and figure titles
 * @param unit the unit of its values, for axis titles (e.g. {@code nats of loss increase})
 * @param definition what it is, in one line, with its settings
 */
public record Measure(String key, String label, String unit, String definition) {

  public Measure {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(definition, "definition");
  }
}
