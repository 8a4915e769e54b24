package org.losslandscape.pipeline.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Wall-clock times of repeated runs of one thing.
 *
 * @param seconds one entry per repeat, in the order measured
 */
public record Timing(List<Double> seconds) {

  public Timing {
    seconds = List.copyOf(seconds);
    if (seconds.isEmpty()) {
      throw new IllegalArgumentException("a timing needs at least one run");
    }
  }

  /** The fastest repeat: the best estimate of the undisturbed speed on a shared machine. */
  public double min() {
    return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  /** The median repeat (mean of the middle two for an even count): what a user typically sees. */
  public double median() {
    List<Double> sorted = new ArrayList<>(seconds);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
