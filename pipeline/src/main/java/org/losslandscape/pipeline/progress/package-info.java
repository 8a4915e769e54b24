/**
 * Progress of the long stages (training, the slice grids): a live bar on an interactive terminal,
 * or a log line every few seconds elsewhere (CI, redirected output), never both. {@code
 * PipelineModule} picks one {@link org.losslandscape.pipeline.progress.Progress} per run.
 */
package org.losslandscape.pipeline.progress;
