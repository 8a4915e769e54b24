package org.losslandscape.models.training;

/**
 * One point of the training curve, measured on the full training set after an epoch (or at the last
 * step of a budget that ends mid-epoch).
 *
 * @param epoch epochs completed, fractional when the budget ended mid-epoch
 * @param step minibatch updates done so far
 * @param loss mean cross-entropy on the full training set
 * @param accuracy accuracy on the full training set
 */
public record EpochRecord(double epoch, long step, double loss, double accuracy) {}
