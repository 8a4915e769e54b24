package org.losslandscape.pipeline.config;

import java.util.Objects;
import java.util.Optional;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;

/**
 * One training recipe of the study: a name and the hyperparameters that distinguish it from the
 * other recipes. Everything the recipes share (architecture, momentum, budget, ...) is in {@link
 * TrainingSettings}; a recipe may override the study's optimizer or schedule (the {@code sam_*} and
 * {@code cosine_*} recipes do). The numeric ranges are checked once, by the {@code TrainingConfig}
 * that {@link TrainingSettings} builds for every recipe.
 *
 * @param name e.g. {@code high_lr_small_batch}; the results sub-folder and the label in figures
 * @param learningRate SGD step size
 * @param batchSize minibatch size
 * @param optimizer this recipe's optimizer, if it is not the study's
 * @param schedule this recipe's learning-rate schedule, if it is not the study's
 */
public record Recipe(
    String name,
    double learningRate,
    int batchSize,
    Optional<Optimizer> optimizer,
    Optional<LearningRateSchedule> schedule) {

  public Recipe {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "recipe name '" + name + "' may only use letters, digits, _ . -");
    }
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
  }

  /** A recipe that uses the study's optimizer and schedule. */
  public Recipe(String name, double learningRate, int batchSize) {
    this(name, learningRate, batchSize, Optional.empty(), Optional.empty());
  }

  /**
   * The hyperparameters that distinguish this recipe, by name ({@code lr}, {@code batch}, and
   * {@code optimizer} or {@code schedule} when the recipe has its own), as the verdict's axes.
   */
  public java.util.Map<String, String> hyperparameters() {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put("lr", Double.toString(learningRate));
    h.put("batch", Integer.toString(batchSize));
    h.put("optimizer", optimizer.map(Optimizer::label).orElse("study"));
    h.put("schedule", schedule.map(LearningRateSchedule::label).orElse("study"));
    return h;
  }

  /** Smith and Le's SGD noise scale up to the data-set size: learning rate over batch size. */
  public double noiseScale() {
    return learningRate / batchSize;
  }
}
