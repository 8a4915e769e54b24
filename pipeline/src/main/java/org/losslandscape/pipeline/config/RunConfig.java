package org.losslandscape.pipeline.config;

/**
 * One hyperparameter configuration of the study.
 *
 * @param name e.g. {@code high_lr_small_batch}; used as the results sub-folder
 * @param learningRate SGD step size
 * @param batchSize minibatch size
 */
public record RunConfig(String name, double learningRate, int batchSize) {

  public RunConfig {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "config name '" + name + "' may only use letters, digits, _ . -");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          name + ": learning rate must be a positive number, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(name + ": batch size must be >= 1, got " + batchSize);
    }
  }

  /** Smith and Le's SGD noise scale up to the data-set size: learning rate over batch size. */
  public double noiseScale() {
    return learningRate / batchSize;
  }
}
