package org.losslandscape.pipeline.imports.pgdl;

/**
 * One model of a PGDL task: what {@code model_configs.json} says of it, its architecture from its
 * {@code config.json}, and where its files are.
 *
 * @param spec its hyperparameters, metrics and accuracies
 * @param config its layers and input shape
 * @param files its folder, configuration and weight files
 */
public record PgdlModel(PgdlModelSpec spec, PgdlModelConfig config, PgdlModelFiles files) {

  /** The model's id, its folder's name ({@code model_<id>}). */
  public String id() {
    return spec.id();
  }

  /** PGDL's generalization gap: training accuracy minus test accuracy. */
  public double generalizationGap() {
    return spec.generalizationGap();
  }
}
