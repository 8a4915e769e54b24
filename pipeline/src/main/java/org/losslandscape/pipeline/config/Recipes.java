package org.losslandscape.pipeline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;

/**
 * The study's recipes: high/low learning rate x small/large batch, in the order of the comparison
 * figure (high LR + small batch first, low LR + large batch last), and the same four with SAM, ASAM
 * or a warmup + cosine schedule, which a user names in {@code --configs} (e.g. {@code
 * sam_high_lr_large_batch}).
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

  /** The warmup share of the {@code cosine_*} recipes' schedule. */
  public static final double COSINE_WARMUP = 0.05;

  private Recipes() {}

  /** The four default recipes. */
  public static List<Recipe> defaults() {
    return grid(DEFAULT_LR_HIGH, DEFAULT_LR_LOW, DEFAULT_BATCH_SMALL, DEFAULT_BATCH_LARGE);
  }

  /** All four plain recipes for the given rates and batch sizes. */
  public static List<Recipe> grid(double lrHigh, double lrLow, int batchSmall, int batchLarge) {
    return List.of(
        new Recipe("high_lr_small_batch", lrHigh, batchSmall),
        new Recipe("high_lr_large_batch", lrHigh, batchLarge),
        new Recipe("low_lr_small_batch", lrLow, batchSmall),
        new Recipe("low_lr_large_batch", lrLow, batchLarge));
  }

  /**
   * Every recipe a user can name: the four plain ones, then {@code sam_*}, {@code asam_*} (with
   * {@code sam} and {@code asam} as their optimizers) and {@code cosine_*} (warmup + cosine decay).
   */
  public static List<Recipe> catalog(List<Recipe> plain, Optimizer sam, Optimizer asam) {
    List<Recipe> all = new ArrayList<>(plain);
    for (Recipe r : plain) {
      all.add(
          new Recipe(
              "sam_" + r.name(), r.learningRate(), r.batchSize(), Optional.of(sam), r.schedule()));
    }
    for (Recipe r : plain) {
      all.add(
          new Recipe(
              "asam_" + r.name(),
              r.learningRate(),
              r.batchSize(),
              Optional.of(asam),
              r.schedule()));
    }
    for (Recipe r : plain) {
      all.add(
          new Recipe(
              "cosine_" + r.name(),
              r.learningRate(),
              r.batchSize(),
              r.optimizer(),
              Optional.of(LearningRateSchedule.warmupCosine(COSINE_WARMUP))));
    }
    return all;
  }

  /**
   * The recipes named in {@code selection}, in the order of {@code all}; an empty selection means
   * {@code defaults}. Unknown names are an error that lists the known ones.
   */
  public static List<Recipe> select(
      List<Recipe> all, List<Recipe> defaults, List<String> selection) {
    if (selection.isEmpty()) {
      return defaults;
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

  /** As {@link #select(List, List, List)} with all of {@code all} as the default. */
  public static List<Recipe> select(List<Recipe> all, List<String> selection) {
    return select(all, all, selection);
  }
}
