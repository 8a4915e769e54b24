package org.losslandscape.models.directions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;

/**
 * Draws seeded Gaussian directions shaped like a model's parameters and normalizes them to its
 * weights: filter-wise (default), layer-wise or not at all.
 */
public final class RandomDirections {

  private RandomDirections() {}

  /**
   * The two normalized directions around {@code theta}: {@code d1} is drawn first, then {@code d2}.
   */
  public static DirectionPair draw(Parameters theta, DirectionSpec spec) {
    Random random = new Random(spec.seed());
    Parameters raw1 = gaussian(theta, random);
    Parameters raw2 = gaussian(theta, random);
    return new DirectionPair(normalize(raw1, theta, spec), normalize(raw2, theta, spec), spec);
  }

  /**
   * Scales {@code raw} to {@code theta} as {@code spec} says. Biases (rank-1 tensors) are zeroed
   * unless {@code spec.includeBias()}; then, for the filter and layer modes, they are rescaled as
   * one vector to the bias's norm.
   */
  public static Parameters normalize(Parameters raw, Parameters theta, DirectionSpec spec) {
    List<Parameter> out = new ArrayList<>();
    for (int t = 0; t < raw.tensors().size(); t++) {
      Parameter d = raw.tensors().get(t);
      Parameter w = theta.tensors().get(t);
      float[] values = d.values().clone();
      if (!d.isMatrix() && !spec.includeBias()) {
        java.util.Arrays.fill(values, 0f);
      } else if (spec.normalization() == Normalization.FILTER && d.isMatrix()) {
        scaleColumns(values, w.values(), d.shape()[0], d.shape()[1]);
      } else if (spec.normalization() != Normalization.NONE) {
        scaleWhole(values, w.values());
      }
      out.add(d.withValues(values));
    }
    return new Parameters(raw.architecture(), out);
  }

  private static Parameters gaussian(Parameters like, Random random) {
    List<Parameter> out = new ArrayList<>();
    for (Parameter p : like.tensors()) {
      float[] values = new float[p.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = (float) random.nextGaussian();
      }
      out.add(p.withValues(values));
    }
    return new Parameters(like.architecture(), out);
  }

  /** In an [in, out] kernel one neuron's incoming weights are column j: entries k*out + j. */
  private static void scaleColumns(float[] d, float[] w, int rows, int cols) {
    for (int j = 0; j < cols; j++) {
      double dNorm = 0;
      double wNorm = 0;
      for (int i = 0; i < rows; i++) {
        dNorm += (double) d[i * cols + j] * d[i * cols + j];
        wNorm += (double) w[i * cols + j] * w[i * cols + j];
      }
      double scale = dNorm == 0 ? 0 : Math.sqrt(wNorm / dNorm);
      for (int i = 0; i < rows; i++) {
        d[i * cols + j] = (float) (d[i * cols + j] * scale);
      }
    }
  }

  private static void scaleWhole(float[] d, float[] w) {
    double dNorm = 0;
    double wNorm = 0;
    for (int k = 0; k < d.length; k++) {
      dNorm += (double) d[k] * d[k];
      wNorm += (double) w[k] * w[k];
    }
    double scale = dNorm == 0 ? 0 : Math.sqrt(wNorm / dNorm);
    for (int k = 0; k < d.length; k++) {
      d[k] = (float) (d[k] * scale);
    }
  }
}
