package org.losslandscape.models.testing;

/**
 * Kendall's tau-b by counting concordant and discordant pairs, written out slowly: the independent
 * reference the tool's Kendall correlation (Commons Math) is tested against.
 */
public final class ReferenceKendall {

  private ReferenceKendall() {}

  /**
   * Tau-b of paired samples: (concordant - discordant) / sqrt((n0 - ties in x)(n0 - ties in y)), n0
   * = n(n-1)/2. NaN when fewer than two pairs or when one side is constant.
   */
  public static double kendallTau(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "kendallTau needs paired samples, got " + x.length + " and " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        throw new IllegalArgumentException("kendallTau is undefined for NaN values");
      }
    }
    long concordant = 0;
    long discordant = 0;
    long tiesX = 0;
    long tiesY = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        // Double.compare, not subtraction: infinite sharpness values (a ball reaching a
        // diverged region) must rank as ties with each other, not vanish as NaN.
        int dx = Integer.signum(Double.compare(x[i], x[j]));
        int dy = Integer.signum(Double.compare(y[i], y[j]));
        if (dx == 0) {
          tiesX++;
        }
        if (dy == 0) {
          tiesY++;
        }
        if (dx * dy > 0) {
          concordant++;
        } else if (dx * dy < 0) {
          discordant++;
        }
      }
    }
    long n0 = (long) x.length * (x.length - 1) / 2;
    double denominator = Math.sqrt((double) (n0 - tiesX) * (n0 - tiesY));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }
}
