package org.losslandscape.pipeline.stages;

import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;

/**
 * What one study produced: its results, and its block of the verdict (its training protocol).
 *
 * @param results every run, slice and measure
 * @param verdict the claims judged on this study's runs
 */
public record StudyOutcome(StudyResults results, ProtocolVerdict verdict) {}
