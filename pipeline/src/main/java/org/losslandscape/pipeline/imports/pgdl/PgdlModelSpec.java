package org.losslandscape.pipeline.imports.pgdl;

import java.util.List;

/**
 * What {@code model_configs.json} says of one model: its hyperparameters and measured metrics.
 *
 * <p>The generalization gap is PGDL's: training accuracy minus test accuracy (the scorer computes
 * {@code train_acc - test_acc}; accuracies are fractions, so is the gap).
 *
 * @param id the model's id as its folder is named: {@code model_<id>} (the file may key models by
 *     the bare id; PGDL's scorer then prefixes {@code model_}, and so does this reader)
 * @param hyperparameters the model's hyperparameters, sorted by name
 * @param metrics every numeric metric, sorted by name (including the two accuracies)
 * @param trainAccuracy the {@code train_acc} metric
 * @param testAccuracy the {@code test_acc} metric
 */
public record PgdlModelSpec(
    String id,
    List<PgdlHyperparameter> hyperparameters,
    List<PgdlMetric> metrics,
    double trainAccuracy,
    double testAccuracy) {

  public PgdlModelSpec {
    hyperparameters = List.copyOf(hyperparameters);
    metrics = List.copyOf(metrics);
  }

  /** PGDL's generalization gap: {@code train_acc - test_acc}. */
  public double generalizationGap() {
    return trainAccuracy - testAccuracy;
  }
}
