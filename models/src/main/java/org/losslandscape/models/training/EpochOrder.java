package org.losslandscape.models.training;

import java.util.Random;

/**
 * The order in which one training run visits the examples: a fresh seeded Fisher-Yates shuffle per
 * epoch, continuing from the previous epoch's order. Drawn in Java so that a seed means the same
 * minibatches on every machine and device.
 */
final class EpochOrder {

  private final Random random;
  private final int[] order;

  EpochOrder(long seed, int examples) {
    // Mixed so that training seed s and the initialization seed s do not share a stream.
    this.random = new Random(seed * 0x9E3779B97F4A7C15L + 1);
    this.order = new int[examples];
    for (int i = 0; i < examples; i++) {
      order[i] = i;
    }
  }

  /** The next epoch's order (a view the caller must not keep across calls). */
  int[] next() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
