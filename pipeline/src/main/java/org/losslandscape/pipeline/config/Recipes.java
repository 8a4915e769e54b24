package org.losslandscape.pipeline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's grid of recipes: high/low learning rate x small/large batch, in the order of the
 * comparison figure (high LR + small batch first, low LR + large batch last).
 */
public final class Recipes {

  /** The high learning rate of the default grid. */
  public static final double DEFAULT_LR_HIGH = 0.1;

  /** The low learning rate of the default grid. */
  public static final double DEFAULT_LR_LOW = 0.01;

  /** The small batch size of the default grid. */
  public static final int DEFAULT_BATCH_SMALL = 32;

  /** The large batch size of the default grid. */
  public static final int DEFAULT_BATCH_LARGE = 1024;

  private Recipes() {}

  /** The four default recipes. */
  public static List<Recipe> defaults() {
    return grid(DEFAULT_LR_HIGH, DEFAULT_LR_LOW, DEFAULT_BATCH_SMALL, DEFAULT_BATCH_LARGE);
  }

  /** All four named recipes for the given rates and batch sizes. */
  public static List<Recipe> grid(double lrHigh, double lrLow, int batchSmall, int batchLarge) {
    return List.of(
        new Recipe("high_lr_small_batch", lrHigh, batchSmall),
        new Recipe("high_lr_large_batch", lrHigh, batchLarge),
        new Recipe("low_lr_small_batch", lrLow, batchSmall),
        new Recipe("low_lr_large_batch", lrLow, batchLarge));
  }

  /**
   * The recipes named in {@code selection}, in the order of {@code all}; an empty selection means
   * all. Unknown names are an error that lists the known ones.
   */
  public static List<Recipe> select(List<Recipe> all, List<String> selection) {
    if (selection.isEmpty()) {
      return all;
    }
    Map<String, Recipe> byName = new LinkedHashMap<>();
    all.forEach(c -> byName.put(c.name(), c));
    for (String name : selection) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown recipe '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")");
      }
    }
    List<Recipe> chosen = new ArrayList<>();
    for (Recipe c : all) {
      if (selection.contains(c.name())) {
        chosen.add(c);
      }
    }
    return chosen;
  }
}
