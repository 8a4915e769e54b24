package org.losslandscape.pipeline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's default grid of recipes: high/low learning rate x small/large batch, in the order of
 * the comparison figure (high LR + small batch first, low LR + large batch last).
 */
public final class DefaultConfigs {

  private DefaultConfigs() {}

  /** All four named configurations for the given rates and batch sizes. */
  public static List<RunConfig> all(double lrHigh, double lrLow, int batchSmall, int batchLarge) {
    return List.of(
        new RunConfig("high_lr_small_batch", lrHigh, batchSmall),
        new RunConfig("high_lr_large_batch", lrHigh, batchLarge),
        new RunConfig("low_lr_small_batch", lrLow, batchSmall),
        new RunConfig("low_lr_large_batch", lrLow, batchLarge));
  }

  /**
   * The configurations named in {@code selection} (comma-separated), in the order of {@code all};
   * an empty selection means all. Unknown names are an error that lists the known ones.
   */
  public static List<RunConfig> select(List<RunConfig> all, List<String> selection) {
    if (selection.isEmpty()) {
      return all;
    }
    Map<String, RunConfig> byName = new LinkedHashMap<>();
    all.forEach(c -> byName.put(c.name(), c));
    for (String name : selection) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown config '"
                + name
                + "' in --configs (known: "
                + String.join(", ", byName.keySet())
                + ")");
      }
    }
    List<RunConfig> chosen = new ArrayList<>();
    for (RunConfig c : all) {
      if (selection.contains(c.name())) {
        chosen.add(c);
      }
    }
    return chosen;
  }
}
