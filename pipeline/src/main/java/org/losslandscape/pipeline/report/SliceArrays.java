package org.losslandscape.pipeline.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * The first direction pair's slice of one model, as its folder holds it. The files are float32;
 * each value is held as the double of its shortest decimal representation.
 *
 * @param coordinates the grid coordinates, the same on both axes ({@code coords.npy})
 * @param loss {@code loss[i][j]} = L(coordinates[i], coordinates[j]): first index alpha (d1),
 *     second beta (d2) ({@code loss.npy})
 * @param accuracy the accuracy at the same points ({@code accuracy.npy})
 */
public record SliceArrays(double[] coordinates, double[][] loss, double[][] accuracy) {

  /**
   * The slice in {@code folder} ({@code loss.npy}, {@code accuracy.npy}, {@code coords.npy}), or
   * empty when the folder has none (a diverged run); arrays whose shapes disagree are a {@link
   * ResultsException}.
   */
  public static Optional<SliceArrays> read(Path folder) {
    return read(folder, folder);
  }

  /**
   * A slice whose grids are in {@code grids} and whose coordinates are in {@code coordinatesFolder}
   * (e.g. the extra direction pairs and raw directions, which share their model's coordinates).
   */
  public static Optional<SliceArrays> read(Path grids, Path coordinatesFolder) {
    Path lossFile = grids.resolve("loss.npy");
    Path coordsFile = coordinatesFolder.resolve("coords.npy");
    if (!Files.isRegularFile(lossFile) || !Files.isRegularFile(coordsFile)) {
      return Optional.empty();
    }
    double[] coordinates = toDoubles(Npy.read(coordsFile).asFloat32().data());
    int n = coordinates.length;
    double[][] loss = square(lossFile, n);
    Path accuracyFile = grids.resolve("accuracy.npy");
    double[][] accuracy = Files.isRegularFile(accuracyFile) ? square(accuracyFile, n) : null;
    return Optional.of(new SliceArrays(coordinates, loss, accuracy));
  }

  /** The grid's size per axis. */
  public int size() {
    return coordinates.length;
  }

  /** The loss at the centre, (0, 0): the trained weights. */
  public double centreLoss() {
    return loss[size() / 2][size() / 2];
  }

  private static double[][] square(Path file, int n) {
    var array = Npy.read(file).asFloat32();
    if (!Arrays.equals(array.shape(), new int[] {n, n})) {
      throw new ResultsException(
          file
              + " has shape "
              + Arrays.toString(array.shape())
              + " but coords.npy has "
              + n
              + " coordinates; the folder mixes files of different runs");
    }
    float[] flat = array.data();
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = shortest(flat[i * n + j]);
      }
    }
    return out;
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = shortest(values[i]);
    }
    return out;
  }

  /**
   * A float32 value as the double of its shortest decimal (0.8f becomes 0.8, not
   * 0.800000011920929): the same float, and what a reader of the page should see.
   */
  static double shortest(float value) {
    return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
  }
}
