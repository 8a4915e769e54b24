package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One column per pair, loss above accuracy, both splits drawn in their own colours. */
class InterpolationFigureTest {

  private static InterpolationFigure.Pair pair(String from, String to, double scale) {
    double[] t = Surfaces.axis(-0.5, 1.5, 41);
    double[] trainLoss = new double[t.length];
    double[] testLoss = new double[t.length];
    double[] trainAcc = new double[t.length];
    double[] testAcc = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      double bump = (t[i] - 0.5) * (t[i] - 0.5);
      trainLoss[i] = 0.2 + scale * bump;
      testLoss[i] = 0.35 + scale * bump;
      trainAcc[i] = 0.95 - 0.3 * bump;
      testAcc[i] = 0.88 - 0.3 * bump;
    }
    return new InterpolationFigure.Pair(
        from, to, t, trainLoss, testLoss, trainAcc, testAcc, "train (60,000)", "test (10,000)");
  }

  @Test
  void everyCellShowsTheTrainingAndTheTestCurve() {
    List<InterpolationFigure.Pair> pairs =
        List.of(pair("a_small", "a_large", 1), pair("b_small", "b_large", 40));
    BufferedImage image = InterpolationFigure.render("lines", pairs, true, 800, 500);
    assertThat(image.getWidth()).isEqualTo(1600);
    assertThat(image.getHeight()).isEqualTo(70 + 2 * 500);
    for (int column = 0; column < 2; column++) {
      for (int row = 0; row < 2; row++) {
        BufferedImage cell = image.getSubimage(column * 800, 70 + row * 500, 800, 500);
        assertThat(countNear(cell, 0x0072B2))
            .as("train colour in cell %d,%d", column, row)
            .isGreaterThan(200);
        assertThat(countNear(cell, 0xD55E00))
            .as("test colour in cell %d,%d", column, row)
            .isGreaterThan(100);
      }
    }
  }

  @Test
  void aGapInACurveIsDrawnAndMismatchedCurvesAreRefused() {
    InterpolationFigure.Pair p = pair("a", "b", 1);
    double[] loss = p.testLoss();
    loss[3] = Double.NaN;
    loss[4] = Double.POSITIVE_INFINITY;
    InterpolationFigure.Pair withGap =
        new InterpolationFigure.Pair(
            "a",
            "b",
            p.t(),
            p.trainLoss(),
            loss,
            p.trainAccuracy(),
            p.testAccuracy(),
            "train",
            "test");
    assertThat(InterpolationFigure.render("gap", List.of(withGap), false, 800, 500).getWidth())
        .isEqualTo(800);
    assertThatThrownBy(
            () ->
                new InterpolationFigure.Pair(
                    "a",
                    "b",
                    p.t(),
                    new double[3],
                    p.testLoss(),
                    p.trainAccuracy(),
                    p.testAccuracy(),
                    "train",
                    "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one value per t (41), got 3");
  }

  private static int countNear(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (Pixels.distance(image.getRGB(x, y) & 0xFFFFFF, rgb) < 30) {
          count++;
        }
      }
    }
    return count;
  }
}
