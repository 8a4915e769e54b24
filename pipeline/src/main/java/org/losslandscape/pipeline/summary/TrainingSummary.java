package org.losslandscape.pipeline.summary;

/**
 * How the recipes were trained (what they share).
 *
 * @param optimizer {@code sgd} or {@code sgd+momentum}
 * @param momentum heavy-ball momentum
 * @param schedule learning-rate schedule
 * @param budget {@code epochs}, {@code steps} or {@code target-loss}
 * @param budgetDescription e.g. {@code 10 epochs}
 */
public record TrainingSummary(
    String optimizer, double momentum, String schedule, String budget, String budgetDescription) {}
