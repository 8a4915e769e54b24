package org.losslandscape.models.curvature;

import java.util.Random;

/** The few dense-vector operations the curvature and sharpness algorithms need. */
public final class Vectors {

  private Vectors() {}

  public static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * b[k];
    }
    return sum;
  }

  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** {@code factor * a} as a new vector. */
  public static double[] scaled(double[] a, double factor) {
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      out[k] = factor * a[k];
    }
    return out;
  }

  /** {@code target += factor * a}, in place. */
  public static void addScaled(double[] target, double factor, double[] a) {
    for (int k = 0; k < target.length; k++) {
      target[k] += factor * a[k];
    }
  }

  /** {@code a + b} as a new vector. */
  public static double[] plus(double[] a, double[] b) {
    double[] out = a.clone();
    addScaled(out, 1, b);
    return out;
  }

  /** A vector of independent +1/-1 entries, each with probability 1/2 (a Rademacher probe). */
  public static double[] rademacher(Random random, int dimension) {
    double[] v = new double[dimension];
    for (int k = 0; k < dimension; k++) {
      v[k] = random.nextBoolean() ? 1 : -1;
    }
    return v;
  }

  /** A vector of independent standard normal entries. */
  public static double[] gaussian(Random random, int dimension) {
    double[] v = new double[dimension];
    for (int k = 0; k < dimension; k++) {
      v[k] = random.nextGaussian();
    }
    return v;
  }
}
