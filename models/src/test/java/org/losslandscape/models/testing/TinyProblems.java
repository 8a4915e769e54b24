package org.losslandscape.models.testing;

import java.util.Random;
import org.losslandscape.models.data.LabeledData;

/** Small random classification problems for numeric tests. */
public final class TinyProblems {

  private TinyProblems() {}

  /**
   * {@code count} examples with {@code features} standard-normal inputs and labels that depend on
   * them.
   */
  public static LabeledData gaussianBlobs(int count, int features, int classes, long seed) {
    Random random = new Random(seed);
    float[][] centres = new float[classes][features];
    for (float[] centre : centres) {
      for (int i = 0; i < features; i++) {
        centre[i] = (float) random.nextGaussian();
      }
    }
    float[] x = new float[count * features];
    int[] y = new int[count];
    for (int row = 0; row < count; row++) {
      y[row] = random.nextInt(classes);
      for (int i = 0; i < features; i++) {
        x[row * features + i] = centres[y[row]][i] + (float) (0.7 * random.nextGaussian());
      }
    }
    return new LabeledData(x, y, features);
  }

  /**
   * {@code count} standard-normal inputs with uniformly random labels: no small network separates
   * them, so the loss has minima at a finite value with finite curvature.
   */
  public static LabeledData randomLabels(int count, int features, int classes, long seed) {
    Random random = new Random(seed);
    float[] x = new float[count * features];
    int[] y = new int[count];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int row = 0; row < count; row++) {
      y[row] = random.nextInt(classes);
    }
    return new LabeledData(x, y, features);
  }
}
