package org.losslandscape.models.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.landscape.DecomposedLandscapeEvaluator.Plan;
import org.losslandscape.models.landscape.DecomposedLandscapeEvaluator.Tuning;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.sharpness.DiskMaximum;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.models.testing.ReferenceMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

class DecomposedLandscapeEvaluatorTest {

  private static final ExecutionSettings CPU = ExecutionSettings.cpu();
  private static final LabeledData DATA = TinyProblems.gaussianBlobs(90, 6, 4, 8);

  /** Whole samples in one run, one row per run, everything cached: the plain path. */
  private static final Tuning UNCHUNKED = new Tuning(10_000, 1, 1L << 30, 1L << 30);

  /**
   * Uneven sample chunks (90 = 4 x 23 - 2), two rows per run (so an odd grid ends on a short group)
   * and a cache too small for more than one chunk (so four passes over the samples).
   */
  private static final Tuning CHUNKED = new Tuning(23, 2, 1L << 30, 1);

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    List<List<Integer>> depths = List.of(List.of(7), List.of(7, 5), List.of(8, 6, 5));
    int[] gridSizes = {3, 5, 7};
    for (int d = 0; d < depths.size(); d++) {
      for (boolean includeBias : new boolean[] {false, true}) {
        for (boolean chunked : new boolean[] {false, true}) {
          cases.add(Arguments.of(depths.get(d), includeBias, chunked, gridSizes[d]));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "hidden={0} includeBias={1} chunked={2} grid={3}")
  @MethodSource("cases")
  void decomposedEqualsPerPointEqualsPlainJavaReference(
      List<Integer> hidden, boolean includeBias, boolean chunked, int gridSize) {
    MlpArchitecture net = new MlpArchitecture(6, hidden, 4);
    Parameters theta = withBiases(Initialization.HE.initialize(net, 3));
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, includeBias, 2));
    // A range wider than the unit box makes ReLUs switch on and off across the grid.
    GridSpec grid = new GridSpec(gridSize, -1.5, 1.5);
    LandscapeGrid decomposed =
        new DecomposedLandscapeEvaluator(CPU, chunked ? CHUNKED : UNCHUNKED)
            .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
    LandscapeGrid pointwise =
        new PointwiseLandscapeEvaluator(CPU)
            .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
    assertMatchesReferences(theta, dirs, grid, decomposed, pointwise);
  }

  @Test
  void aNetworkWithoutHiddenLayersIsAffineAndStillExact() {
    MlpArchitecture net = new MlpArchitecture(6, List.of(), 4);
    Parameters theta = withBiases(Initialization.HE.initialize(net, 5));
    for (boolean includeBias : new boolean[] {false, true}) {
      DirectionPair dirs =
          RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, includeBias, 4));
      GridSpec grid = new GridSpec(5, -1, 1);
      LandscapeGrid decomposed =
          new DecomposedLandscapeEvaluator(CPU, CHUNKED)
              .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
      LandscapeGrid pointwise =
          new PointwiseLandscapeEvaluator(CPU)
              .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
      assertMatchesReferences(theta, dirs, grid, decomposed, pointwise);
    }
  }

  @Test
  void equalsTheRowBatchedEvaluator() {
    MlpArchitecture net = new MlpArchitecture(6, List.of(7, 5), 4);
    Parameters theta = Initialization.HE.initialize(net, 7);
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 9));
    GridSpec grid = new GridSpec(9, -1, 1);
    LandscapeGrid decomposed =
        new DecomposedLandscapeEvaluator(CPU)
            .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
    LandscapeGrid batched =
        new RowBatchedLandscapeEvaluator(CPU)
            .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
    for (int i = 0; i < grid.size(); i++) {
      for (int j = 0; j < grid.size(); j++) {
        assertThat(decomposed.loss()[i][j])
            .isCloseTo(batched.loss()[i][j], within(1e-5 * batched.loss()[i][j]));
        assertThat(decomposed.accuracy()[i][j]).isEqualTo(batched.accuracy()[i][j]);
      }
    }
  }

  @Test
  void centreOfTheSliceIsTheTrainedLoss() {
    MlpArchitecture net = new MlpArchitecture(6, List.of(7, 5), 4);
    Parameters theta = withBiases(Initialization.HE.initialize(net, 3));
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, true, 2));
    for (Tuning tuning : List.of(UNCHUNKED, CHUNKED)) {
      LandscapeGrid g =
          new DecomposedLandscapeEvaluator(CPU, tuning)
              .evaluate(
                  theta,
                  dirs,
                  new GridSpec(7, -0.5, 0.5),
                  DATA,
                  LandscapeEvaluator.RowProgress.NONE);
      try (MlpEvaluator evaluator = new MlpEvaluator(net, CPU)) {
        double trained = evaluator.evaluate(theta, DATA).loss();
        assertThat(g.centreLoss()).isCloseTo(trained, within(1e-6 * trained));
        assertThat(g.accuracy()[3][3]).isEqualTo(evaluator.evaluate(theta, DATA).accuracy());
      }
    }
  }

  @Test
  void progressIsReportedOncePerRowInOrder() {
    MlpArchitecture net = new MlpArchitecture(6, List.of(7, 5), 4);
    Parameters theta = Initialization.HE.initialize(net, 3);
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 2));
    for (Tuning tuning : List.of(UNCHUNKED, CHUNKED, new Tuning(50, 3, 1L << 30, 1L << 30))) {
      List<String> calls = new ArrayList<>();
      new DecomposedLandscapeEvaluator(CPU, tuning)
          .evaluate(
              theta,
              dirs,
              new GridSpec(7, -1, 1),
              DATA,
              (done, total) -> calls.add(done + "/" + total));
      assertThat(calls)
          .as("tuning %s", tuning)
          .containsExactly("1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7");
    }
  }

  @Test
  void bfloat16IsOptInAndCloseToFloat32() {
    MlpArchitecture net = new MlpArchitecture(6, List.of(7, 5), 4);
    Parameters theta = withBiases(Initialization.HE.initialize(net, 3));
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 2));
    GridSpec grid = new GridSpec(5, -1, 1);
    LandscapeGrid exact =
        new DecomposedLandscapeEvaluator(CPU)
            .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
    LandscapeGrid reduced =
        new DecomposedLandscapeEvaluator(
                CPU,
                DecomposedLandscapeEvaluator.DEFAULT_TUNING,
                DecomposedLandscapeEvaluator.Precision.BFLOAT16)
            .evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
    // bfloat16 keeps 8 mantissa bits (relative rounding 2^-9 = 0.2%); a few layers of sums
    // stay within a few percent. (On a CPU without bfloat16 support the pass changes nothing.)
    for (int i = 0; i < grid.size(); i++) {
      for (int j = 0; j < grid.size(); j++) {
        assertThat(reduced.loss()[i][j])
            .isCloseTo(exact.loss()[i][j], within(0.05 * exact.loss()[i][j]));
      }
    }
  }

  @Test
  void planKeepsOneRunWithinTheActivationBudgetAndPassesWithinTheCacheBudget() {
    MlpArchitecture net = MlpArchitecture.fashionMnistDefault();
    // (128 + 64 + 4 x 10) floats = 928 bytes per point and sample; P, Q, R = 3 x 128 x 4 bytes per
    // sample.
    assertThat(DecomposedLandscapeEvaluator.activationBytesPerPointAndSample(net)).isEqualTo(928);
    assertThat(DecomposedLandscapeEvaluator.firstLayerBytesPerSample(net)).isEqualTo(1536);

    Plan roomy =
        DecomposedLandscapeEvaluator.plan(
            net, 31, 10_000, new Tuning(10_000, 2, 1L << 30, 1L << 30));
    assertThat(roomy).isEqualTo(new Plan(10_000, 2, 1));

    // 31 points x 10,000 samples x 928 bytes = 288 MB: two rows do not fit 300 MB, one row does.
    Plan oneRow =
        DecomposedLandscapeEvaluator.plan(
            net, 31, 10_000, new Tuning(10_000, 2, 300_000_000L, 1L << 30));
    assertThat(oneRow).isEqualTo(new Plan(10_000, 1, 1));

    // Not even one row at 10,000 samples: the chunk shrinks to 100 MB / (31 x 928) = 3,476 samples.
    Plan smallChunks =
        DecomposedLandscapeEvaluator.plan(
            net, 31, 10_000, new Tuning(10_000, 2, 100_000_000L, 1L << 30));
    assertThat(smallChunks).isEqualTo(new Plan(3_476, 1, 3));

    // 60,000 samples in chunks of 10,000 cache 15.36 MB each: a 40 MB cache holds two per pass.
    Plan passes =
        DecomposedLandscapeEvaluator.plan(
            net, 31, 60_000, new Tuning(10_000, 1, 1L << 30, 40_000_000L));
    assertThat(passes).isEqualTo(new Plan(10_000, 1, 2));

    // Fewer samples than a chunk: one chunk of all of them.
    assertThat(
            DecomposedLandscapeEvaluator.plan(
                    net, 5, 90, DecomposedLandscapeEvaluator.DEFAULT_TUNING)
                .chunkSamples())
        .isEqualTo(90);
  }

  private static void assertMatchesReferences(
      Parameters theta,
      DirectionPair dirs,
      GridSpec grid,
      LandscapeGrid decomposed,
      LandscapeGrid pointwise) {
    double[] c = grid.coordinates();
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        Parameters point = theta.plus(c[i], dirs.d1()).plus(c[j], dirs.d2());
        double reference = ReferenceMlp.loss(point, DATA);
        String where = "point (" + i + ", " + j + ")";
        assertThat(decomposed.loss()[i][j])
            .as(where)
            .isCloseTo(reference, within(1e-5 * reference));
        assertThat(decomposed.loss()[i][j])
            .as(where)
            .isCloseTo(pointwise.loss()[i][j], within(1e-5 * pointwise.loss()[i][j]));
        assertThat(decomposed.accuracy()[i][j])
            .as(where)
            .isEqualTo(ReferenceMlp.accuracy(point, DATA));
        assertThat(decomposed.accuracy()[i][j]).as(where).isEqualTo(pointwise.accuracy()[i][j]);
      }
    }
    assertThat(decomposed.samples()).isEqualTo(DATA.count());
  }

  /**
   * He initialization starts every bias at zero, and a bias direction is normalized to the bias's
   * norm, so it would be zero too. Trained biases are not zero: give every bias small non-zero
   * values so that {@code includeBias} really perturbs them (the {@code e1, e2} terms).
   */
  private static Parameters withBiases(Parameters theta) {
    List<Parameter> out = new ArrayList<>();
    for (Parameter p : theta.tensors()) {
      if (p.isKernel()) {
        out.add(p);
      } else {
        float[] v = new float[p.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = 0.1f * (k % 3 - 1) + 0.05f;
        }
        out.add(p.withValues(v));
      }
    }
    return new Parameters(theta.architecture(), out);
  }

  /**
   * The tunings a grid is cut by: chunks and cache passes as asked, and an activation budget that
   * holds a row of 7 points on 40 samples only, so the grid's plan shrinks its chunk from 90.
   */
  static List<Tuning> planeTunings() {
    MlpArchitecture net = new MlpArchitecture(6, List.of(8, 5), 4);
    long row = 7L * 40 * DecomposedLandscapeEvaluator.activationBytesPerPointAndSample(net);
    return List.of(CHUNKED, UNCHUNKED, new Tuning(90, 1, row, 1L << 30));
  }

  @ParameterizedTest
  @MethodSource("planeTunings")
  void thePlaneFunctionGivesTheGridsValuesAtTheGridsPoints(Tuning tuning) {
    MlpArchitecture net = new MlpArchitecture(6, List.of(8, 5), 4);
    Parameters theta = withBiases(Initialization.HE.initialize(net, 3));
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 2));
    GridSpec grid = new GridSpec(7, -1, 1);
    DecomposedLandscapeEvaluator evaluator = new DecomposedLandscapeEvaluator(CPU, tuning);
    LandscapeGrid expected =
        evaluator.evaluate(theta, dirs, grid, DATA, LandscapeEvaluator.RowProgress.NONE);
    double[] c = grid.coordinates();
    double[] a = new double[c.length * c.length];
    double[] b = new double[a.length];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        a[i * c.length + j] = c[i];
        b[i * c.length + j] = c[j];
      }
    }
    try (LandscapeEvaluator.PlaneSlice f = evaluator.function(theta, dirs, grid, DATA)) {
      double[] loss = f.at(a, b);
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c.length; j++) {
          // The same products summed over the same chunks in the same order: equal, not close.
          assertThat(loss[i * c.length + j])
              .as("(%s, %s)", c[i], c[j])
              .isEqualTo(expected.loss()[i][j]);
        }
      }
    }
  }

  @Test
  void sliceSharpnessOnTheDiskIsWithinOneThousandthOfADensePolarSearchWhateverTheGrid() {
    MlpArchitecture net = new MlpArchitecture(6, List.of(8, 5), 4);
    Parameters theta = withBiases(Initialization.HE.initialize(net, 5));
    DirectionPair dirs =
        RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, false, 4));
    DecomposedLandscapeEvaluator evaluator = new DecomposedLandscapeEvaluator(CPU);
    List<Double> radii = List.of(0.1, 0.25, 0.5, 1.0);
    // A very fine grid (201 x 201 over [-1, 1], spacing 0.01) is a lower bound only: its points
    // near the circle can miss a maximum on it by half a spacing. The reference is a brute-force
    // polar search: 60 rings x 480 angles inside each disk.
    LandscapeGrid fine =
        evaluator.evaluate(
            theta, dirs, new GridSpec(201, -1, 1), DATA, LandscapeEvaluator.RowProgress.NONE);
    SliceSharpness fineGrid = SliceSharpness.of(fine, radii);
    double[] dense = new double[radii.size()];
    try (LandscapeEvaluator.PlaneSlice f =
        evaluator.function(theta, dirs, new GridSpec(31, -1, 1), DATA)) {
      double centre = f.at(new double[] {0}, new double[] {0})[0];
      for (int k = 0; k < radii.size(); k++) {
        double eps = radii.get(k);
        double[] a = new double[60 * 480];
        double[] b = new double[a.length];
        for (int ring = 1; ring <= 60; ring++) {
          for (int angle = 0; angle < 480; angle++) {
            double t = 2 * Math.PI * angle / 480;
            a[(ring - 1) * 480 + angle] = eps * ring / 60.0 * Math.cos(t);
            b[(ring - 1) * 480 + angle] = eps * ring / 60.0 * Math.sin(t);
          }
        }
        dense[k] = java.util.Arrays.stream(f.at(a, b)).max().orElseThrow() - centre;
      }
    }
    for (int size : new int[] {5, 31}) {
      LandscapeGrid coarse =
          evaluator.evaluate(
              theta, dirs, new GridSpec(size, -1, 1), DATA, LandscapeEvaluator.RowProgress.NONE);
      SliceSharpness onDisk;
      try (LandscapeEvaluator.PlaneSlice f = evaluator.function(theta, dirs, coarse.spec(), DATA)) {
        onDisk = SliceSharpness.onDisk(coarse, DiskMaximum.of(f, radii, coarse.points()));
      }
      for (int k = 0; k < radii.size(); k++) {
        double value = onDisk.values().get(k).value();
        assertThat(value)
            .as("grid %d, eps %s", size, radii.get(k))
            .isCloseTo(dense[k], within(1e-3 * Math.max(1, dense[k])));
        assertThat(value).isGreaterThanOrEqualTo(fineGrid.values().get(k).value() - 1e-3);
      }
    }
    // The grid's own value depends on its spacing: a 5 x 5 grid has no point within 0.25.
    LandscapeGrid five =
        evaluator.evaluate(
            theta, dirs, new GridSpec(5, -1, 1), DATA, LandscapeEvaluator.RowProgress.NONE);
    assertThat(SliceSharpness.of(five, radii).values().get(1).value()).isZero();
  }
}
