package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;

class SurfaceHdf5Test {

  /** The fixture file h5py checked, named as Li's plot_surface.py would name it. */
  static final String FIXTURE_NAME = "surface_[-1.0,1.0,5]x[-1.0,1.0,5].h5";

  @TempDir Path folder;

  /** A grid whose loss and accuracy are given functions of (alpha, beta). */
  static LandscapeGrid grid(
      GridSpec spec, DoubleBinaryOperator loss, DoubleBinaryOperator accuracy) {
    double[] c = spec.coordinates();
    double[][] l = new double[c.length][c.length];
    double[][] a = new double[c.length][c.length];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        l[i][j] = loss.applyAsDouble(c[i], c[j]);
        a[i][j] = accuracy.applyAsDouble(c[i], c[j]);
      }
    }
    return new LandscapeGrid(spec, l, a, 1000);
  }

  /** Asymmetric in alpha and beta, so a missing or doubled transpose shows. */
  static double fixtureLoss(double alpha, double beta) {
    return 1 + alpha + 10 * beta;
  }

  static double fixtureAccuracy(double alpha, double beta) {
    return 0.5 + 0.1 * alpha - 0.2 * beta;
  }

  static LandscapeGrid fixtureGrid() {
    return grid(
        new GridSpec(5, -1, 1), SurfaceHdf5Test::fixtureLoss, SurfaceHdf5Test::fixtureAccuracy);
  }

  @Test
  void writesLisLayoutWithRowsAlongYAndAccuracyInPercent() throws IOException {
    LandscapeGrid grid = fixtureGrid();
    Path target = folder.resolve("surface.h5");

    SurfaceHdf5.write(target, grid, SurfaceHdf5.Split.TRAIN);
    String copyTo = System.getProperty("hdf5.fixture.dir");
    if (copyTo != null) {
      Files.copy(
          target, Path.of(copyTo).resolve(FIXTURE_NAME), StandardCopyOption.REPLACE_EXISTING);
    }

    try (HdfFile file = new HdfFile(target)) {
      assertThat(file.getChildren().keySet())
          .containsExactlyInAnyOrder("xcoordinates", "ycoordinates", "train_loss", "train_acc");
      double[] x = (double[]) file.getDatasetByPath("xcoordinates").getData();
      double[] y = (double[]) file.getDatasetByPath("ycoordinates").getData();
      assertThat(x).containsExactly(-1, -0.5, 0, 0.5, 1);
      assertThat(y).containsExactly(-1, -0.5, 0, 0.5, 1);
      Dataset lossSet = file.getDatasetByPath("train_loss");
      assertThat(lossSet.getJavaType()).isEqualTo(double.class);
      assertThat(lossSet.getDimensions()).containsExactly(5, 5);
      double[][] loss = (double[][]) lossSet.getData();
      double[][] accuracy = (double[][]) file.getDatasetByPath("train_acc").getData();
      // Li's convention: element [i][j] is the value at (x[j], y[i]).
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          assertThat(loss[i][j]).isEqualTo(fixtureLoss(x[j], y[i]));
          assertThat(accuracy[i][j]).isCloseTo(100 * fixtureAccuracy(x[j], y[i]), within());
        }
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  /**
   * h5py (HDF5 1.10) read the fixture file as Li's plot_2D.py does and found Li's convention; see
   * check_surface_h5.py beside the report. What the writer produces today must still be what h5py
   * saw: the same datasets, types, shapes and values.
   */
  @Test
  void whatTheWriterProducesIsWhatH5pyReadAsLisPlotScriptsExpect() throws IOException {
    JsonNode report;
    try (InputStream in = getClass().getResourceAsStream("/hdf5/h5py-check.json")) {
      assertThat(in).as("committed h5py report").isNotNull();
      report = new ObjectMapper().readTree(in);
    }
    assertThat(report.path("train_loss_matches_meshgrid_x_y").asBoolean()).isTrue();
    assertThat(report.path("train_acc_is_percent_on_meshgrid_x_y").asBoolean()).isTrue();
    assertThat(report.path("flattened_order_matches_h52vtp").asBoolean()).isTrue();

    Path target = folder.resolve(FIXTURE_NAME);
    SurfaceHdf5.write(target, fixtureGrid(), SurfaceHdf5.Split.TRAIN);
    try (HdfFile file = new HdfFile(target)) {
      assertThat(file.getChildren().keySet())
          .containsExactlyInAnyOrderElementsOf(() -> report.path("datasets").fieldNames());
      for (String name : file.getChildren().keySet()) {
        Dataset dataset = file.getDatasetByPath(name);
        JsonNode seen = report.path("datasets").path(name);
        assertThat(seen.path("dtype").asText()).isEqualTo("float64");
        assertThat(dataset.getJavaType()).as(name).isEqualTo(double.class);
        assertThat(dataset.getDimensions())
            .as(name)
            .containsExactly(new ObjectMapper().convertValue(seen.path("shape"), int[].class));
        Object data = dataset.getData();
        JsonNode values = report.path(name);
        if (data instanceof double[] vector) {
          assertThat(vector)
              .containsExactly(new ObjectMapper().convertValue(values, double[].class));
        } else {
          double[][] matrix = (double[][]) data;
          double[][] expected = new ObjectMapper().convertValue(values, double[][].class);
          for (int i = 0; i < matrix.length; i++) {
            assertThat(matrix[i]).as("%s row %d", name, i).containsExactly(expected[i]);
          }
        }
      }
    }
  }

  @Test
  void testSplitNamesTheDatasetsTestAndKeepsDivergedPointsNaN() {
    LandscapeGrid grid =
        grid(
            new GridSpec(3, -1, 1),
            (a, b) -> a > 0 && b > 0 ? Double.NaN : a * a + b * b,
            (a, b) -> 0.25);
    Path target = folder.resolve("test-surface.h5");

    SurfaceHdf5.write(target, grid, SurfaceHdf5.Split.named("test"));

    try (HdfFile file = new HdfFile(target)) {
      assertThat(file.getChildren().keySet())
          .containsExactlyInAnyOrder("xcoordinates", "ycoordinates", "test_loss", "test_acc");
      double[][] loss = (double[][]) file.getDatasetByPath("test_loss").getData();
      assertThat(loss[2][2]).isNaN();
      assertThat(loss[0][2]).isEqualTo(2.0);
      double[][] accuracy = (double[][]) file.getDatasetByPath("test_acc").getData();
      assertThat(Arrays.stream(accuracy).flatMapToDouble(Arrays::stream)).containsOnly(25.0);
    }
  }

  /** Any odd grid, any values: reading the file back gives the grid transposed, acc x 100. */
  @Property(tries = 25)
  void roundTripIsTheTransposeWithAccuracyInPercent(
      @ForAll @IntRange(min = 1, max = 6) int half, @ForAll long seed) throws IOException {
    java.util.Random random = new java.util.Random(seed);
    GridSpec spec = new GridSpec(2 * half + 1, -half * 0.25, half * 0.25);
    LandscapeGrid grid =
        grid(spec, (a, b) -> random.nextDouble() * 10, (a, b) -> random.nextDouble());
    Path target = Files.createTempDirectory("surface-hdf5").resolve("s.h5");
    try {
      SurfaceHdf5.write(target, grid, SurfaceHdf5.Split.TRAIN);
      try (HdfFile file = new HdfFile(target)) {
        double[][] loss = (double[][]) file.getDatasetByPath("train_loss").getData();
        double[][] accuracy = (double[][]) file.getDatasetByPath("train_acc").getData();
        for (int y = 0; y < spec.size(); y++) {
          for (int x = 0; x < spec.size(); x++) {
            assertThat(loss[y][x]).isEqualTo(grid.loss()[x][y]);
            assertThat(accuracy[y][x]).isEqualTo(grid.accuracy()[x][y] * 100);
          }
        }
      }
    } finally {
      Files.deleteIfExists(target);
      Files.deleteIfExists(target.getParent());
    }
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = folder.resolve("out/surface.h5");
    SurfaceHdf5.write(
        target, grid(new GridSpec(7, -1, 1), (a, b) -> 5, (a, b) -> 0.1), SurfaceHdf5.Split.TRAIN);

    SurfaceHdf5.write(target, fixtureGrid(), SurfaceHdf5.Split.TRAIN);

    try (HdfFile file = new HdfFile(target)) {
      assertThat((double[]) file.getDatasetByPath("xcoordinates").getData()).hasSize(5);
      assertThat(((double[][]) file.getDatasetByPath("train_loss").getData())[4][0])
          .isEqualTo(fixtureLoss(-1, 1));
    }
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("surface.h5");
    }
  }

  @Test
  void mismatchedGridIsRejectedBeforeAnythingIsWritten() throws IOException {
    GridSpec spec = new GridSpec(3, -1, 1);
    LandscapeGrid ragged =
        new LandscapeGrid(spec, new double[][] {{1, 2, 3}, {4, 5}, {6, 7, 8}}, new double[3][3], 1);

    assertThatThrownBy(
            () -> SurfaceHdf5.write(folder.resolve("s.h5"), ragged, SurfaceHdf5.Split.TRAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loss row 1 must have 3 values, one per grid coordinate");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void unwritableFolderFailsWithAOneLineMessage() throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("file"), "x");

    assertThatThrownBy(
            () ->
                SurfaceHdf5.write(
                    notAFolder.resolve("s.h5"), fixtureGrid(), SurfaceHdf5.Split.TRAIN))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining(notAFolder.toString())
        .hasMessageNotContaining("\n");
  }

  @Test
  void fileNameFollowsPlotSurfacePy() {
    assertThat(SurfaceHdf5.fileName("surface", new GridSpec(31, -1, 1)))
        .isEqualTo("surface_[-1.0,1.0,31]x[-1.0,1.0,31].h5");
    assertThat(SurfaceHdf5.fileName("m", new GridSpec(21, -2, 2)))
        .isEqualTo("m_[-2.0,2.0,21]x[-2.0,2.0,21].h5");
  }

  @Test
  void splitNamesAreTrainAndTestOnly() {
    assertThat(SurfaceHdf5.Split.named("TRAIN")).isEqualTo(SurfaceHdf5.Split.TRAIN);
    assertThat(SurfaceHdf5.Split.TEST.lossDataset()).isEqualTo("test_loss");
    assertThatThrownBy(() -> SurfaceHdf5.Split.named("validation"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("split must be train or test, got validation");
  }
}
