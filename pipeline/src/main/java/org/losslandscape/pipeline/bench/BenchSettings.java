package org.losslandscape.pipeline.bench;

import java.util.List;
import java.util.Objects;
import org.losslandscape.models.landscape.GridSpec;

/**
 * What the benchmark times.
 *
 * @param grid the grid every evaluator but the per-point one is timed on
 * @param pointwiseGrid the smaller grid the per-point reference is timed on (its time is scaled)
 * @param samples training examples per grid point
 * @param repeats timed repeats of each evaluator
 * @param evaluators which evaluators to time
 * @param stepTiming also time training steps (SGD at batch 32 and 1024, one and several steps per
 *     run; SAM and ASAM)
 * @param measureTiming also time the measures beyond the slices on the trained model
 * @param stackSizes the stack sizes whose training steps are timed against one model alone (empty =
 *     none; only with {@code stepTiming})
 * @param networkTiming also time the slice of convolutional networks, first layer shared against
 *     per point
 */
public record BenchSettings(
    GridSpec grid,
    GridSpec pointwiseGrid,
    int samples,
    int repeats,
    List<BenchEvaluator> evaluators,
    boolean stepTiming,
    boolean measureTiming,
    List<Integer> stackSizes,
    boolean networkTiming) {

  public BenchSettings {
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(pointwiseGrid, "pointwiseGrid");
    evaluators = List.copyOf(evaluators);
    stackSizes = List.copyOf(stackSizes);
    for (int m : stackSizes) {
      if (m < 1) {
        throw new IllegalArgumentException("stack sizes must be >= 1, got " + m);
      }
    }
    if (samples < 1) {
      throw new IllegalArgumentException("benchmark samples must be >= 1, got " + samples);
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("benchmark repeats must be >= 1, got " + repeats);
    }
    if (pointwiseGrid.size() > grid.size()) {
      pointwiseGrid = grid;
    }
  }

  /**
   * 31x31 (per-point 11x11) on [-1, 1], 10,000 samples, 3 repeats, all evaluators, steps on, stacks
   * of 1, 4, 10 and 20, convolutional networks on.
   */
  public static BenchSettings defaults() {
    return new BenchSettings(
        new GridSpec(31, -1, 1),
        new GridSpec(11, -1, 1),
        10_000,
        3,
        List.of(BenchEvaluator.values()),
        true,
        true,
        List.of(1, 4, 10, 20),
        true);
  }
}
