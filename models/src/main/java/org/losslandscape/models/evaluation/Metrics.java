package org.losslandscape.models.evaluation;

/**
 * Mean cross-entropy and accuracy of a model on a set of examples.
 *
 * @param loss mean softmax cross-entropy (nats)
 * @param accuracy fraction of examples whose label has the largest logit
 * @param samples how many examples the numbers are over
 */
public record Metrics(double loss, double accuracy, int samples) {}
