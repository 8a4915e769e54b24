package org.losslandscape.models.data;

/**
 * Preprocessed examples ready for the network: a row-major {@code [count, featureSize]} float
 * matrix and one integer class label per row.
 *
 * <p>The arrays are shared, not copied (the full Fashion-MNIST training set is 188 MB); callers
 * must not mutate them.
 *
 * @param features row-major features, {@code count * featureSize} of them
 * @param labels class index of each row
 * @param featureSize number of features per example
 */
public record LabeledData(float[] features, int[] labels, int featureSize) {

  public LabeledData {
    if (featureSize < 1 || features.length != (long) labels.length * featureSize) {
      throw new IllegalArgumentException(
          "features hold "
              + features.length
              + " values, expected "
              + labels.length
              + " x "
              + featureSize);
    }
  }

  /** Number of examples. */
  public int count() {
    return labels.length;
  }

  /** The examples at {@code indices}, in that order, as a new data set. */
  public LabeledData select(int[] indices) {
    float[] x = new float[indices.length * featureSize];
    int[] y = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(features, indices[i] * featureSize, x, i * featureSize, featureSize);
      y[i] = labels[indices[i]];
    }
    return new LabeledData(x, y, featureSize);
  }

  /**
   * {@code n} examples chosen once and for all: the first n of a fixed seeded permutation, in their
   * original order. Subsets are nested (a smaller one is part of every larger one), so models
   * trained on different sizes share their smallest subset. The whole set when n >= count.
   */
  public LabeledData subset(int n) {
    return n >= count() ? this : select(subsetIndices(n));
  }

  /** The indices of {@link #subset}'s examples in this set, ascending. */
  public int[] subsetIndices(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a subset needs at least one example, got " + n);
    }
    java.util.Random random = new java.util.Random(SUBSET_SEED);
    int[] order = new int[count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] chosen = java.util.Arrays.copyOf(order, Math.min(n, order.length));
    java.util.Arrays.sort(chosen);
    return chosen;
  }

  /** The seed of {@link #subset}'s permutation. */
  private static final long SUBSET_SEED = 0x7EA1L;

  /** The contiguous examples {@code [from, to)} as a new data set. */
  public LabeledData range(int from, int to) {
    float[] x = new float[(to - from) * featureSize];
    System.arraycopy(features, from * featureSize, x, 0, x.length);
    int[] y = new int[to - from];
    System.arraycopy(labels, from, y, 0, y.length);
    return new LabeledData(x, y, featureSize);
  }
}
