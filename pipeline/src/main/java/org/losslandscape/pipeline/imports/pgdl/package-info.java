/**
 * Reading PGDL tasks (the NeurIPS 2020 "Predicting Generalization in Deep Learning" competition):
 * the task folder ({@link org.losslandscape.pipeline.imports.pgdl.PgdlTask}), its models'
 * hyperparameters and metrics, their configurations and weight file paths, and the TFRecord shards
 * of {@code tf.train.Example} that hold its data ({@link
 * org.losslandscape.pipeline.imports.pgdl.TfRecordReader}, {@link
 * org.losslandscape.pipeline.imports.pgdl.PgdlDataset}). Reading the weight files is left to the
 * Keras importer.
 */
package org.losslandscape.pipeline.imports.pgdl;
