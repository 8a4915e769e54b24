package org.losslandscape.pipeline.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;

/**
 * Writes one loss surface as an HDF5 file in the layout of Li et al.'s loss-landscape code
 * (plot_surface.py writes it, plot_2D.py and h52vtp.py read it), so their plotting scripts and
 * ParaView export run on our results unchanged.
 *
 * <p>Layout, all float64:
 *
 * <ul>
 *   <li>{@code xcoordinates} [nx] and {@code ycoordinates} [ny]: the grid's alpha and beta values;
 *   <li>{@code train_loss} and {@code train_acc} (or {@code test_loss} and {@code test_acc} when
 *       the slice was evaluated on the test split), each [ny][nx]: element [i][j] is the value at
 *       (x[j], y[i]), i.e. rows run along y. Li's code fills its arrays by flat index over {@code
 *       meshgrid(x, y)} and contours them against that meshgrid, which is this order. Our {@link
 *       LandscapeGrid} is indexed [alpha][beta] = [x][y], so it is transposed on the way out;
 *   <li>the loss is the mean cross-entropy in nats, the accuracy is in percent (0 to 100) as in
 *       Li's files. A diverged point stays NaN (Li's -1 means "not computed yet", which is
 *       different).
 * </ul>
 *
 * <p>The file is complete or absent: jhdf writes everything when it is closed and cannot overwrite
 * a file, so it writes a fresh temporary sibling that is then forced to disk and renamed over the
 * target (see {@link AtomicFiles}).
 */
public final class SurfaceHdf5 {

  /** Which data the surface was evaluated on; names the loss and accuracy datasets. */
  public enum Split {
    /** The training set: datasets {@code train_loss}, {@code train_acc}. */
    TRAIN,
    /** The test set: datasets {@code test_loss}, {@code test_acc}. */
    TEST;

    /** The split named "train" or "test" (any case), as the landscape samples record it. */
    public static Split named(String name) {
      Objects.requireNonNull(name, "name");
      for (Split split : values()) {
        if (split.prefix().equals(name.toLowerCase(Locale.ROOT))) {
          return split;
        }
      }
      throw new IllegalArgumentException("split must be train or test, got " + name);
    }

    /** "train" or "test", the prefix of the dataset names. */
    public String prefix() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Name of the loss dataset, e.g. {@code train_loss}. */
    public String lossDataset() {
      return prefix() + "_loss";
    }

    /** Name of the accuracy dataset, e.g. {@code train_acc}. */
    public String accuracyDataset() {
      return prefix() + "_acc";
    }
  }

  /** Name of the x (alpha) coordinates dataset. */
  public static final String X_COORDINATES = "xcoordinates";

  /** Name of the y (beta) coordinates dataset. */
  public static final String Y_COORDINATES = "ycoordinates";

  private SurfaceHdf5() {}

  /**
   * The file name Li's plot_surface.py gives a surface of {@code spec}: {@code
   * <stem>_[xmin,xmax,xnum]x[ymin,ymax,ynum].h5}, e.g. {@code
   * surface_[-1.0,1.0,31]x[-1.0,1.0,31].h5}. Numbers are written as Java's {@link Double#toString},
   * which matches Python's {@code str} for ordinary ranges such as -1.0 or 0.5 (not for exponents
   * such as 1e-05).
   */
  public static String fileName(String stem, GridSpec spec) {
    Objects.requireNonNull(stem, "stem");
    Objects.requireNonNull(spec, "spec");
    String axis = "[" + spec.min() + "," + spec.max() + "," + spec.size() + "]";
    return stem + "_" + axis + "x" + axis + ".h5";
  }

  /**
   * Writes {@code grid} to {@code target} (creating the folder if needed), replacing any file
   * there.
   *
   * @param target the .h5 file to write
   * @param grid loss and accuracy (a fraction from 0 to 1) on the slice
   * @param split the data the grid was evaluated on
   * @throws ResultsException if the file cannot be written
   * @throws IllegalArgumentException if the grid's arrays do not match its spec
   */
  public static void write(Path target, LandscapeGrid grid, Split split) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(split, "split");
    double[] coordinates = grid.spec().coordinates();
    double[][] lossRowsAlongY = rowsAlongY(grid.loss(), coordinates.length, 1, "loss");
    double[][] accuracyPercentRowsAlongY =
        rowsAlongY(grid.accuracy(), coordinates.length, 100, "accuracy");

    Path absoluteTarget = target.toAbsolutePath();
    try {
      PendingWrites.process()
          .run(
              () -> {
                writeGuarded(
                    absoluteTarget, coordinates, lossRowsAlongY, accuracyPercentRowsAlongY, split);
                return null;
              });
    } catch (IOException e) {
      throw new IllegalStateException("writeGuarded reports its I/O errors itself", e);
    }
  }

  private static void writeGuarded(
      Path absoluteTarget,
      double[] coordinates,
      double[][] lossRowsAlongY,
      double[][] accuracyPercentRowsAlongY,
      Split split) {
    Path temp;
    try {
      temp = AtomicFiles.createTempSibling(absoluteTarget);
      // jhdf creates the file itself and would not truncate one that exists.
      Files.delete(temp);
    } catch (IOException e) {
      throw new ResultsException(
          "Cannot write into folder "
              + absoluteTarget.getParent()
              + ": "
              + AtomicFiles.describe(e)
              + "; choose a writable output folder.",
          e);
    }
    try {
      try (WritableHdfFile file = HdfFile.write(temp)) {
        file.putDataset(X_COORDINATES, coordinates);
        file.putDataset(Y_COORDINATES, coordinates.clone());
        file.putDataset(split.lossDataset(), lossRowsAlongY);
        file.putDataset(split.accuracyDataset(), accuracyPercentRowsAlongY);
      }
      WriteFailures.check(absoluteTarget);
      // jhdf closes its channel without forcing it; a crash after the rename must not leave an
      // empty or partial file under the final name.
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      AtomicFiles.moveIntoPlace(temp, absoluteTarget);
    } catch (IOException e) {
      AtomicFiles.discard(temp);
      throw AtomicFiles.failure("Cannot write the HDF5 surface " + absoluteTarget, e);
    } catch (RuntimeException e) {
      // jhdf reports its own write failures as unchecked HdfException.
      AtomicFiles.discard(temp);
      if (AtomicFiles.isDiskFull(e)) {
        throw AtomicFiles.failure(
            "Cannot write the HDF5 surface " + absoluteTarget,
            new IOException(WriteFailures.NO_SPACE, e));
      }
      throw new ResultsException(
          "Cannot write the HDF5 surface "
              + absoluteTarget
              + ": "
              + String.valueOf(e.getMessage()).replaceAll("\\R", " ")
              + "; check that the folder is writable and the disk is not full.",
          e);
    }
  }

  /**
   * {@code values[x][y]} transposed to {@code [y][x]} and multiplied by {@code factor}, after
   * checking that it is n x n.
   */
  private static double[][] rowsAlongY(double[][] values, int n, double factor, String what) {
    if (values == null || values.length != n) {
      throw new IllegalArgumentException(
          what
              + " must have one row per grid coordinate ("
              + n
              + "), got "
              + (values == null ? "none" : values.length));
    }
    double[][] transposed = new double[n][n];
    for (int x = 0; x < n; x++) {
      if (values[x] == null || values[x].length != n) {
        throw new IllegalArgumentException(
            what + " row " + x + " must have " + n + " values, one per grid coordinate");
      }
      for (int y = 0; y < n; y++) {
        transposed[y][x] = values[x][y] * factor;
      }
    }
    return transposed;
  }
}
