package org.losslandscape.models.sharpness;

import java.util.Arrays;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * m-sharpness (Foret et al. 2021; Andriushchenko et al. 2023): the mean over disjoint batches of m
 * samples of each batch's own worst-case increase, {@code mean_b max_{e in region} L_b(w + e) -
 * L_b(w)}. Each batch gets a whole search (the study's ascent settings), so a batch's maximum is as
 * converged as the full-set measure; the mean is not the full set's maximum (a perturbation may be
 * worst for one batch and mild for another), which is why the papers that relate sharpness to
 * generalization report it with a small m.
 *
 * @param definition the region searched
 * @param batchSize m, the samples per batch
 * @param perBatch each full batch's value (the definition's headline number), in data order
 * @param interval mean over the batches with its 95% interval
 * @param convergedBatches batches whose search's last quarter raised the value by at most 1%
 */
public record BatchWorstCase(
    WorstCaseDefinition definition,
    int batchSize,
    double[] perBatch,
    MeanInterval interval,
    int convergedBatches) {

  public BatchWorstCase {
    perBatch = perBatch.clone();
  }

  /**
   * Measures {@code definition} at {@code theta} on every chunk of {@code m} samples of {@code
   * batches} (a loss built with chunks of m; a last, smaller chunk is left out so that every batch
   * has m).
   *
   * @throws IllegalArgumentException when the loss has no chunk of m samples
   */
  public static BatchWorstCase measure(
      DifferentiableLoss batches,
      int m,
      double[] theta,
      WorstCaseDefinition definition,
      AscentSettings settings) {
    int full = 0;
    while (full < batches.chunkCount() && batches.chunkSize(full) == m) {
      full++;
    }
    if (full == 0) {
      throw new IllegalArgumentException(
          "m-sharpness with m = "
              + m
              + " needs at least "
              + m
              + " samples, the loss has "
              + batches.sampleCount());
    }
    double[] values = new double[full];
    int converged = 0;
    for (int b = 0; b < full; b++) {
      WorstCaseSharpness w =
          WorstCaseSharpness.measure(
              batches.chunk(b), batches.layout(), theta, definition, settings);
      values[b] = w.value();
      converged += w.converged() ? 1 : 0;
    }
    return new BatchWorstCase(definition, m, values, MeanInterval.of(values), converged);
  }

  /** The reported number: the mean over batches. */
  public double value() {
    return interval.mean();
  }

  @Override
  public double[] perBatch() {
    return perBatch.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchWorstCase b
        && definition.equals(b.definition)
        && batchSize == b.batchSize
        && Arrays.equals(perBatch, b.perBatch)
        && interval.equals(b.interval)
        && convergedBatches == b.convergedBatches;
  }

  @Override
  public int hashCode() {
    return 31 * definition.hashCode() + Arrays.hashCode(perBatch);
  }

  @Override
  public String toString() {
    return "BatchWorstCase[" + definition + ", m=" + batchSize + ", " + interval + "]";
  }
}
