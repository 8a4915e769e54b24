package org.losslandscape.pipeline.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The recipes of a sweep: every learning rate with every batch size. Each pair is one {@link
 * Recipe} named after its values ({@code lr0.1_b32}), so the verdict reads the roles off the
 * hyperparameters, as it does for the default study.
 *
 * @param learningRates the learning rates, in the order given (each positive, no repeats)
 * @param batchSizes the batch sizes, in the order given (each >= 1, no repeats)
 */
public record SweepGrid(List<Double> learningRates, List<Integer> batchSizes) {

  public SweepGrid {
    learningRates = List.copyOf(learningRates);
    batchSizes = List.copyOf(batchSizes);
    if (learningRates.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one learning rate");
    }
    if (batchSizes.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one batch size");
    }
    for (double lr : learningRates) {
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new IllegalArgumentException(
            "sweep learning rates must be positive numbers, got " + lr);
      }
    }
    for (int b : batchSizes) {
      if (b < 1) {
        throw new IllegalArgumentException("sweep batch sizes must be >= 1, got " + b);
      }
    }
    if (new HashSet<>(learningRates).size() < learningRates.size()) {
      throw new IllegalArgumentException("sweep learning rates must differ, got " + learningRates);
    }
    if (new HashSet<>(batchSizes).size() < batchSizes.size()) {
      throw new IllegalArgumentException("sweep batch sizes must differ, got " + batchSizes);
    }
  }

  /** Learning rates 0.1, 0.03, 0.01 and batch sizes 32, 128, 1024: nine recipes. */
  public static SweepGrid defaults() {
    return new SweepGrid(List.of(0.1, 0.03, 0.01), List.of(32, 128, 1024));
  }

  /** One recipe per (learning rate, batch size), learning rate by learning rate. */
  public List<Recipe> recipes() {
    List<Recipe> out = new ArrayList<>();
    for (double lr : learningRates) {
      for (int batch : batchSizes) {
        out.add(new Recipe(recipeName(lr, batch), lr, batch));
      }
    }
    return out;
  }

  /** {@code lr0.1_b32}: the learning rate in its shortest plain decimal form, then the batch. */
  public static String recipeName(double learningRate, int batchSize) {
    String lr = new BigDecimal(Double.toString(learningRate)).stripTrailingZeros().toPlainString();
    return "lr" + lr + "_b" + batchSize;
  }
}
