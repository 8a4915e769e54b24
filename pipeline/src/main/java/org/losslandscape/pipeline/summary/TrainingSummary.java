package org.losslandscape.pipeline.summary;

/**
 * How the recipes were trained (what they share).
 *
 * @param optimizer the optimizer of the recipes without one of their own, e.g. {@code sgd}, {@code
 *     sgd+momentum}, {@code sam(rho=0.05)}
 * @param momentum heavy-ball momentum
 * @param schedule learning-rate schedule
 * @param budget {@code epochs}, {@code steps} or {@code target-loss}
 * @param budgetDescription e.g. {@code 10 epochs}
 */
public record TrainingSummary(
    String optimizer, double momentum, String schedule, String budget, String budgetDescription) {}
