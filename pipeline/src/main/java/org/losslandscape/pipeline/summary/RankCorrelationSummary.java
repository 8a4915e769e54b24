package org.losslandscape.pipeline.summary;

/**
 * Kendall's tau-b across recipes at one radius, on the recipes' means. Null (with a reason) when
 * undefined, e.g. when one side is constant.
 *
 * @param kendallTauSharpnessVsGeneralizationGap tau between mean sharpness and mean gap
 * @param kendallTauSharpnessVsLrOverBatch tau between mean sharpness and learning rate over batch
 */
public record RankCorrelationSummary(
    double kendallTauSharpnessVsGeneralizationGap, double kendallTauSharpnessVsLrOverBatch) {}
