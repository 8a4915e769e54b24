package org.losslandscape.pipeline.measures;

/**
 * What a summary section may mention beyond the result: the run's learning rate (for the edge of
 * stability, lr x lambda_max / 2).
 *
 * @param learningRate the recipe's learning rate
 */
public record SummaryContext(double learningRate) {}
