/**
 * The statistics the measures and the verdict rest on: the mean of repeated measurements with its
 * Student-t interval ({@link org.losslandscape.models.statistics.MeanInterval}), Welch's test
 * between two recipes' per-seed values, Holm's correction over a family of such tests, and
 * Kendall's rank correlation with a permutation p-value and a bootstrap interval. Distributions and
 * test statistics come from Apache Commons Statistics and Commons Math; Holm's step-down procedure,
 * which neither offers, is written here.
 */
package org.losslandscape.models.statistics;
