package org.losslandscape.pipeline.imports.pgdl;

/**
 * One measured number of a PGDL model from the {@code metrics} of {@code model_configs.json}, such
 * as {@code train_acc} or {@code test_acc}.
 *
 * @param name the metric's key
 * @param value its value
 */
public record PgdlMetric(String name, double value) {}
