package org.losslandscape.pipeline.config;

/**
 * One training recipe of the study: a name and the hyperparameters that distinguish it from the
 * other recipes. Everything the recipes share (architecture, schedule, budget, ...) is in {@link
 * TrainingSettings}; the numeric ranges are checked once, by the {@code TrainingConfig} that {@link
 * TrainingSettings} builds for every recipe.
 *
 * @param name e.g. {@code high_lr_small_batch}; the results sub-folder and the label in figures
 * @param learningRate SGD step size
 * @param batchSize minibatch size
 */
public record Recipe(String name, double learningRate, int batchSize) {

  public Recipe {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "recipe name '" + name + "' may only use letters, digits, _ . -");
    }
  }

  /** Smith and Le's SGD noise scale up to the data-set size: learning rate over batch size. */
  public double noiseScale() {
    return learningRate / batchSize;
  }
}
