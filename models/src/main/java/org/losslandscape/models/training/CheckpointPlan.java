package org.losslandscape.models.training;

import java.util.Arrays;

/**
 * The steps at which a run keeps its weights: {@code count} steps evenly spaced over the planned
 * steps, the first at step 0 (the initial weights) and the last at the planned end.
 */
final class CheckpointPlan {

  private CheckpointPlan() {}

  /**
   * The distinct checkpoint steps in increasing order: step round(j * planned / (count - 1)) for j
   * = 0 .. count - 1, rounding halves up. Fewer than {@code count} when the run has fewer than
   * {@code count - 1} steps (two checkpoints cannot share a step); none when {@code count} is 0.
   */
  static long[] steps(int count, long plannedSteps) {
    if (count == 0) {
      return new long[0];
    }
    if (count < 2 || plannedSteps < 1) {
      throw new IllegalArgumentException(
          "need at least 2 checkpoints over at least 1 step, got "
              + count
              + " over "
              + plannedSteps);
    }
    long intervals = count - 1;
    long[] steps = new long[count];
    for (int j = 0; j < count; j++) {
      // Exact integer rounding: floor((2 j planned + intervals) / (2 intervals)).
      steps[j] =
          Math.floorDiv(
              Math.addExact(Math.multiplyExact(2L * j, plannedSteps), intervals), 2 * intervals);
    }
    return Arrays.stream(steps).distinct().toArray();
  }
}
