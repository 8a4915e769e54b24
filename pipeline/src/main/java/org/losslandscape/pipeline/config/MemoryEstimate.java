package org.losslandscape.pipeline.config;

import java.util.Locale;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.Network;

/**
 * A rough upper estimate of the Java heap a run needs, checked before any data is loaded, so that
 * an impossible grid or network is refused in one line instead of failing with an {@code
 * OutOfMemoryError} after hours of training.
 *
 * <p>What grows with the settings: every slice is kept for the report (loss and accuracy in double
 * precision, {@code 16 n^2} bytes per direction pair and run), one more is being evaluated, its
 * float32 files are encoded, and the 3-D figure holds a projected point per grid point; every run's
 * weights and the directions are held as float32. Fixed: the data set and the JVM itself.
 *
 * @param sliceBytes bytes that grow with the grid, the pairs and the runs
 * @param parameterBytes bytes that grow with the network
 * @param fixedBytes the data set and everything else
 * @param description what the slice bytes are made of, for the message
 */
public record MemoryEstimate(
    double sliceBytes, double parameterBytes, double fixedBytes, String description) {

  /** The data (standardized floats, raw bytes) and the JVM's own needs. */
  static final double FIXED_BYTES = 600e6;

  /** Share of the heap the estimate may take: the rest is headroom for what it leaves out. */
  static final double USABLE_SHARE = 0.8;

  /** Bytes per grid point of one kept slice: loss and accuracy as doubles. */
  private static final double KEPT_SLICE = 16;

  /** Bytes per grid point while one slice is made: running sums, float32 files, figure points. */
  private static final double WORKING_SLICE = 16 + 8 + 96;

  /**
   * The estimate for a study whose sliced runs ({@code --sliced-seeds}) are sliced as said. It is
   * made before the data are read, so its networks take Fashion-MNIST's 784 inputs and 10 classes:
   * a data set of much larger images needs more than the estimate says.
   */
  public static MemoryEstimate forStudy(StudySettings settings) {
    InputShape input = InputShape.fashionMnist();
    int classes = 10;
    return estimate(
        settings.slice(),
        settings.training().recipes().stream()
            .map(r -> settings.training().architectureOf(r, input, classes))
            .max(java.util.Comparator.comparingLong(Network::parameterCount))
            .orElse(settings.training().architectureFor(input, classes)),
        (int)
            Math.max(
                1, settings.training().runs().stream().filter(settings.slice()::slices).count()));
  }

  /** The estimate for slicing one model of {@code architecture}. */
  public static MemoryEstimate forSlicing(SliceSettings slice, Network architecture) {
    return estimate(slice, architecture, 1);
  }

  private static MemoryEstimate estimate(SliceSettings slice, Network architecture, int runs) {
    double points = (double) slice.grid().size() * slice.grid().size();
    double kept = (double) runs * slice.directionPairs() + 1; // + the raw-direction slice
    double sliceBytes = points * (kept * KEPT_SLICE + WORKING_SLICE);
    // Each run's trained weights, plus initial weights, two directions and their sum per point.
    double parameterBytes = (double) architecture.parameterCount() * Float.BYTES * (runs + 6);
    String description =
        String.format(
            Locale.ROOT,
            "%d run(s) x %d direction pair(s) of %,d x %,d grid points",
            runs,
            slice.directionPairs(),
            slice.grid().size(),
            slice.grid().size());
    return new MemoryEstimate(sliceBytes, parameterBytes, FIXED_BYTES, description);
  }

  /** The whole estimate in bytes. */
  public double totalBytes() {
    return sliceBytes + parameterBytes + fixedBytes;
  }

  /**
   * Refuses a run whose estimate exceeds the usable share of {@code maxHeapBytes}, naming the part
   * that is too large.
   */
  public void requireFits(long maxHeapBytes) {
    double usable = USABLE_SHARE * maxHeapBytes;
    if (totalBytes() <= usable) {
      return;
    }
    String heap = bytes(maxHeapBytes);
    if (fixedBytes >= usable) {
      throw new IllegalArgumentException(
          "the data set and the tool need about "
              + bytes(fixedBytes)
              + " of memory, more than the "
              + heap
              + " this JVM may use (-Xmx); give the JVM a larger heap");
    }
    if (parameterBytes >= sliceBytes) {
      throw new IllegalArgumentException(
          "the network needs about "
              + bytes(parameterBytes)
              + " of memory for its weights, more than the "
              + heap
              + " this JVM may use (-Xmx); use narrower or fewer hidden layers, or a larger heap");
    }
    throw new IllegalArgumentException(
        "the slices need about "
            + bytes(sliceBytes)
            + " of memory ("
            + description
            + "), more than the "
            + heap
            + " this JVM may use (-Xmx); use a smaller grid, fewer direction pairs, or a larger"
            + " heap");
  }

  /** {@code 2.1 TB}, {@code 6.0 GB}, {@code 512 MB}. */
  static String bytes(double b) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    int u = 0;
    while (b >= 1000 && u < units.length - 1) {
      b /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
  }
}
