package org.losslandscape.pipeline.plot;

import java.util.Arrays;
import java.util.Objects;

/**
 * One 2-D slice of a loss surface, ready to draw: {@code z[i][j]} is the value at ({@code
 * alpha[i]}, {@code beta[j]}). The first axis is alpha (drawn as x), the second is beta (y).
 *
 * <p>Values are usually losses; non-finite values (NaN, infinities) mark diverged points and are
 * drawn in a neutral grey and left out of every range. The arrays are copied on the way in and on
 * the way out, so an instance is immutable.
 *
 * @param title panel title, e.g. the configuration name
 * @param alpha strictly increasing coordinates along the first direction, at least two
 * @param beta strictly increasing coordinates along the second direction, at least two
 * @param z values, {@code alpha.length} rows of {@code beta.length} each
 */
public record SurfaceData(String title, double[] alpha, double[] beta, double[][] z) {

  /** Validates the shape and copies the arrays. */
  public SurfaceData {
    Objects.requireNonNull(title, "title");
    alpha = checkedAxis("alpha", alpha);
    beta = checkedAxis("beta", beta);
    if (z == null || z.length != alpha.length) {
      throw new IllegalArgumentException(
          "z must have one row per alpha value ("
              + alpha.length
              + "), got "
              + (z == null ? "null" : z.length + " rows"));
    }
    double[][] copy = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      if (z[i] == null || z[i].length != beta.length) {
        throw new IllegalArgumentException(
            "z["
                + i
                + "] must have one value per beta value ("
                + beta.length
                + "), got "
                + (z[i] == null ? "null" : z[i].length));
      }
      copy[i] = z[i].clone();
    }
    z = copy;
  }

  private static double[] checkedAxis(String name, double[] axis) {
    if (axis == null || axis.length < 2) {
      throw new IllegalArgumentException(
          name + " needs at least 2 coordinates, got " + (axis == null ? "null" : axis.length));
    }
    for (int i = 0; i < axis.length; i++) {
      if (!Double.isFinite(axis[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + axis[i]);
      }
      if (i > 0 && !(axis[i] > axis[i - 1])) {
        throw new IllegalArgumentException(
            name
                + " must be strictly increasing, but "
                + name
                + "["
                + i
                + "] = "
                + axis[i]
                + " <= "
                + axis[i - 1]);
      }
    }
    return axis.clone();
  }

  /** Returns a copy of the alpha coordinates. */
  @Override
  public double[] alpha() {
    return alpha.clone();
  }

  /** Returns a copy of the beta coordinates. */
  @Override
  public double[] beta() {
    return beta.clone();
  }

  /** Returns a deep copy of the values. */
  @Override
  public double[][] z() {
    double[][] copy = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      copy[i] = z[i].clone();
    }
    return copy;
  }

  /** Number of alpha coordinates. */
  public int alphaCount() {
    return alpha.length;
  }

  /** Number of beta coordinates. */
  public int betaCount() {
    return beta.length;
  }

  /** The value at ({@code alpha[i]}, {@code beta[j]}), without copying. */
  public double valueAt(int i, int j) {
    return z[i][j];
  }

  /** The smallest finite value, or NaN when no value is finite. */
  public double finiteMin() {
    double min = Double.POSITIVE_INFINITY;
    for (double[] row : z) {
      for (double v : row) {
        if (Double.isFinite(v) && v < min) {
          min = v;
        }
      }
    }
    return min == Double.POSITIVE_INFINITY ? Double.NaN : min;
  }

  /** True when some value is NaN or infinite (a diverged grid point). */
  public boolean anyNonFinite() {
    for (double[] row : z) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when some value is drawn clipped at the top of {@code scale}. */
  public boolean anyAbove(ColorScale scale) {
    for (double[] row : z) {
      for (double v : row) {
        if (scale.clipsAbove(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The largest finite value, or NaN when no value is finite. */
  public double finiteMax() {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : z) {
      for (double v : row) {
        if (Double.isFinite(v) && v > max) {
          max = v;
        }
      }
    }
    return max == Double.NEGATIVE_INFINITY ? Double.NaN : max;
  }

  /** The smallest finite value above zero, or NaN when there is none (for log scales). */
  public double smallestPositive() {
    double min = Double.POSITIVE_INFINITY;
    for (double[] row : z) {
      for (double v : row) {
        if (Double.isFinite(v) && v > 0 && v < min) {
          min = v;
        }
      }
    }
    return min == Double.POSITIVE_INFINITY ? Double.NaN : min;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SurfaceData that
        && title.equals(that.title)
        && Arrays.equals(alpha, that.alpha)
        && Arrays.equals(beta, that.beta)
        && Arrays.deepEquals(z, that.z);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        title, Arrays.hashCode(alpha), Arrays.hashCode(beta), Arrays.deepHashCode(z));
  }

  @Override
  public String toString() {
    return "SurfaceData[title="
        + title
        + ", "
        + alpha.length
        + "x"
        + beta.length
        + " grid, alpha "
        + alpha[0]
        + ".."
        + alpha[alpha.length - 1]
        + ", beta "
        + beta[0]
        + ".."
        + beta[beta.length - 1]
        + "]";
  }
}
