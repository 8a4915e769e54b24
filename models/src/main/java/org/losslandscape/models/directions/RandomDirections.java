package org.losslandscape.models.directions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.TensorKind;

/**
 * Draws seeded Gaussian directions shaped like a model's parameters and normalizes them to its
 * weights: filter-wise (default), layer-wise, entry by entry or not at all.
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
   * Scales {@code raw} to {@code theta} as {@code spec} says: weight matrices by the normalization,
   * biases by the bias rule, batch norm's scales and shifts by the batch-norm rule.
   */
  public static Parameters normalize(Parameters raw, Parameters theta, DirectionSpec spec) {
    List<Parameter> out = new ArrayList<>();
    for (int t = 0; t < raw.tensors().size(); t++) {
      Parameter d = raw.tensors().get(t);
      Parameter w = theta.tensors().get(t);
      float[] values = d.values().clone();
      if (d.isKernel()) {
        switch (spec.normalization()) {
          case FILTER -> scaleColumns(values, w.values(), d.size() / d.filters(), d.filters());
          case LAYER -> scaleWhole(values, w.values());
          case ELEMENT -> scaleEntries(values, w.values());
          case NONE -> {}
        }
      } else {
        TensorKind kind = theta.architecture().parameterSpecs().get(t).kind();
        BiasRule rule =
            kind == TensorKind.BATCH_NORM_SCALE || kind == TensorKind.BATCH_NORM_SHIFT
                ? spec.batchNormRule()
                : spec.biasRule();
        switch (rule) {
          case ZERO -> java.util.Arrays.fill(values, 0f);
          case LI -> values = w.values().clone();
          case GAUSSIAN -> {
            switch (spec.normalization()) {
              case FILTER, LAYER -> scaleWhole(values, w.values());
              case ELEMENT -> scaleEntries(values, w.values());
              case NONE -> {}
            }
          }
        }
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

  /**
   * In an [in, out] kernel one neuron's incoming weights are column j: entries k*out + j. A
   * convolution's [kh, kw, in, out] kernel, read row-major, is the same matrix with kh*kw*in rows:
   * filter j is column j.
   */
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

  /** {@code d_i <- d_i |w_i|}: each entry scaled by the magnitude of its own weight. */
  private static void scaleEntries(float[] d, float[] w) {
    for (int k = 0; k < d.length; k++) {
      d[k] = d[k] * Math.abs(w[k]);
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
