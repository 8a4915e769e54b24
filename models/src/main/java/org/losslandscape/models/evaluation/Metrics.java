package org.losslandscape.models.evaluation;

import java.io.Serializable;

/**
 * Mean cross-entropy and accuracy of a model on a set of examples.
 *
 * @param loss mean softmax cross-entropy (nats)
 * @param accuracy fraction of examples whose label has the largest logit
 * @param samples how many examples the numbers are over
 */
// Serializable: a sweep task sends its metrics back from a Spark executor as they are.
public record Metrics(double loss, double accuracy, int samples) implements Serializable {
  private static final long serialVersionUID = 1L;
}
