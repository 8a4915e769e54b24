package org.losslandscape.models.training;

import java.io.Serializable;

/**
 * One point of the training curve, measured on the full training set after an epoch (or at the last
 * step of a budget that ends mid-epoch).
 *
 * @param epoch epochs completed, fractional when the budget ended mid-epoch
 * @param step minibatch updates done so far
 * @param loss mean cross-entropy on the full training set
 * @param accuracy accuracy on the full training set
 */
// Serializable: a sweep task sends its training curve back from a Spark executor as it is.
public record EpochRecord(double epoch, long step, double loss, double accuracy)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
