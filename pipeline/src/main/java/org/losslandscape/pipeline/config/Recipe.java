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
 * @param variation what else this recipe changes (a sweep's further axes)
 */
public record Recipe(
    String name,
    double learningRate,
    int batchSize,
    Optional<Optimizer> optimizer,
    Optional<LearningRateSchedule> schedule,
    Variation variation) {

  public Recipe {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "recipe name '" + name + "' may only use letters, digits, _ . -");
    }
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(variation, "variation");
  }

  /** A recipe that uses the study's optimizer and schedule and changes nothing else. */
  public Recipe(String name, double learningRate, int batchSize) {
    this(name, learningRate, batchSize, Optional.empty(), Optional.empty());
  }

  /** A recipe with its own optimizer or schedule that changes nothing else. */
  public Recipe(
      String name,
      double learningRate,
      int batchSize,
      Optional<Optimizer> optimizer,
      Optional<LearningRateSchedule> schedule) {
    this(name, learningRate, batchSize, optimizer, schedule, Variation.NONE);
  }

  /**
   * The hyperparameters that distinguish this recipe, by name ({@code lr}, {@code batch}, and each
   * further axis, {@code study} where the recipe takes the study's value), as the verdict's axes.
   */
  public java.util.Map<String, String> hyperparameters() {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put("lr", Double.toString(learningRate));
    h.put("batch", Integer.toString(batchSize));
    h.put("optimizer", optimizer.map(Optimizer::label).orElse("study"));
    h.put("schedule", schedule.map(LearningRateSchedule::label).orElse("study"));
    h.put(
        "width",
        variation.hidden().map(w -> w.isEmpty() ? "0" : w.get(0).toString()).orElse("study"));
    h.put("depth", variation.hidden().map(w -> Integer.toString(w.size())).orElse("study"));
    h.put("weight_decay", variation.weightDecay().map(Object::toString).orElse("study"));
    h.put("momentum", variation.momentum().map(Object::toString).orElse("study"));
    h.put("dropout", variation.dropout().map(Object::toString).orElse("study"));
    h.put("train_size", variation.trainSize().map(Object::toString).orElse("study"));
    variation.skip().ifPresent(on -> h.put("skip", on ? "yes" : "no"));
    return h;
  }

  /** Smith and Le's SGD noise scale up to the data-set size: learning rate over batch size. */
  public double noiseScale() {
    return learningRate / batchSize;
  }
}
