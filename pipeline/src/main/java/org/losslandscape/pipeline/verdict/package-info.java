/**
 * The tool's own verdict on the three claims the study exists to test: high learning rate with
 * small batches finds the flattest minimum, low learning rate with large batches the sharpest, and
 * flatter minima generalize better. The verdict is computed from every run's measures, per measure
 * and training protocol, with Welch tests corrected by Holm and Kendall correlations with
 * permutation p-values and bootstrap intervals; a claim is "supported" or "contradicted" only where
 * those say so, and "not resolved" otherwise.
 */
package org.losslandscape.pipeline.verdict;
