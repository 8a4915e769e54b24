package org.losslandscape.pipeline.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps values to colour-map positions in [0, 1], linearly or logarithmically, and supplies the tick
 * values and labels of the matching colour bar and axes.
 *
 * <p>One scale is meant to be shared by every panel of a figure, so that equal colours (and equal
 * heights in 3-D) mean equal values everywhere.
 *
 * @param min value drawn at the bottom of the colour map (finite; positive when {@code log})
 * @param max value drawn at the top of the colour map (finite, greater than {@code min})
 * @param log whether positions are linear in log10(value) rather than in value
 */
public record ColorScale(double min, double max, boolean log) {

  /** The typographic minus sign used in labels. */
  public static final char MINUS = '\u2212';

  /** Validates the range; a log scale needs {@code min > 0} (it fails rather than clamps). */
  public ColorScale {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(
          "colour scale bounds must be finite, got [" + min + ", " + max + "]");
    }
    if (!(min < max)) {
      throw new IllegalArgumentException(
          "colour scale needs min < max, got [" + min + ", " + max + "]");
    }
    if (log && min <= 0) {
      throw new IllegalArgumentException(
          "a log colour scale needs min > 0, got "
              + min
              + "; use a linear scale or ColorScale.shared, which clamps to the smallest positive"
              + " value");
    }
  }

  /**
   * A scale spanning the finite values of all panels, so they can be compared.
   *
   * <p>For a log scale the lower bound is clamped to the smallest positive finite value (losses are
   * positive; zero or negative values are then drawn at the bottom colour). When all values are
   * equal the range is widened slightly around them so the scale stays valid.
   *
   * @throws IllegalArgumentException when there are no panels, no finite values, or (log) no
   *     positive values
   */
  public static ColorScale shared(List<SurfaceData> panels, boolean log) {
    Objects.requireNonNull(panels, "panels");
    if (panels.isEmpty()) {
      throw new IllegalArgumentException(
          "need at least one panel to compute a shared colour scale");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (SurfaceData panel : panels) {
      double panelLo = log ? panel.smallestPositive() : panel.finiteMin();
      double panelHi = panel.finiteMax();
      if (!Double.isNaN(panelLo)) {
        lo = Math.min(lo, panelLo);
      }
      if (!Double.isNaN(panelHi)) {
        hi = Math.max(hi, panelHi);
      }
    }
    if (lo == Double.POSITIVE_INFINITY || hi == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException(
          log
              ? "no positive finite value in any panel: a log colour scale is impossible, use"
                  + " linear"
              : "no finite value in any panel: nothing to scale (did every grid point diverge?)");
    }
    return of(lo, hi, log);
  }

  /**
   * A scale over [lo, hi] that tolerates {@code lo == hi} by widening the range slightly.
   *
   * @throws IllegalArgumentException on non-finite bounds, lo > hi, or (log) lo <= 0
   */
  public static ColorScale of(double lo, double hi, boolean log) {
    if (lo == hi && Double.isFinite(lo)) {
      if (log) {
        return new ColorScale(lo / 1.1, hi * 1.1, true);
      }
      double pad = Math.max(Math.abs(lo) * 0.05, 1e-9);
      return new ColorScale(lo - pad, hi + pad, false);
    }
    return new ColorScale(lo, hi, log);
  }

  /**
   * The colour-map position of a value: 0 at {@code min}, 1 at {@code max}, clamped to [0, 1]
   * outside (a log scale sends values <= 0 to 0). Returns NaN for NaN or infinite values, which
   * callers draw as missing.
   */
  public double normalize(double value) {
    if (!Double.isFinite(value)) {
      return Double.NaN;
    }
    double t;
    if (log) {
      if (value <= 0) {
        return 0.0;
      }
      t = (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    } else {
      t = (value - min) / (max - min);
    }
    return Math.max(0.0, Math.min(1.0, t));
  }

  /**
   * The value at colour-map position {@code t} in [0, 1]; the inverse of {@link #normalize} inside
   * the range.
   */
  public double valueAt(double t) {
    if (!(t >= 0.0 && t <= 1.0)) {
      throw new IllegalArgumentException("scale position must be in [0, 1], got " + t);
    }
    if (log) {
      return Math.pow(10, Math.log10(min) + t * (Math.log10(max) - Math.log10(min)));
    }
    return min + t * (max - min);
  }

  /** Whether {@code value} lies above the top of the scale (it is then drawn clipped). */
  public boolean clipsAbove(double value) {
    return Double.isFinite(value) && value > max;
  }

  /**
   * About {@code approxCount} "nice" tick values inside [min, max], ascending.
   *
   * <p>Linear: multiples of a step of 1, 2 or 5 times a power of ten. Log: values m * 10^k with m
   * in {1, 2, 5} when the range spans few decades, whole decades (every k-th when there are many)
   * otherwise; a log range too narrow for two such values falls back to linear steps.
   *
   * @param approxCount desired number of ticks, at least 2
   */
  public double[] ticks(int approxCount) {
    if (approxCount < 2) {
      throw new IllegalArgumentException("need at least 2 ticks, got " + approxCount);
    }
    if (log) {
      double[] logTicks = logTicks(approxCount);
      if (logTicks.length >= 2) {
        return logTicks;
      }
    }
    return linearTicks(min, max, approxCount);
  }

  /**
   * {@code count} values evenly spaced in scale space strictly inside (min, max), e.g. for contour
   * levels when nice ticks are too sparse.
   */
  public double[] evenLevels(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("need at least 1 level, got " + count);
    }
    double[] levels = new double[count];
    for (int k = 0; k < count; k++) {
      levels[k] = valueAt((k + 1.0) / (count + 1.0));
    }
    return levels;
  }

  /** The step between linear ticks that {@link #ticks} would use (for tests and axis labels). */
  static double niceStep(double range, int approxCount) {
    double raw = range / approxCount;
    double exponent = Math.floor(Math.log10(raw));
    double fraction = raw / Math.pow(10, exponent);
    int mantissa;
    if (fraction < 1.5) {
      mantissa = 1;
    } else if (fraction < 3.5) {
      mantissa = 2;
    } else if (fraction < 7.5) {
      mantissa = 5;
    } else {
      mantissa = 10;
    }
    return decimal(mantissa, (int) exponent);
  }

  static double[] linearTicks(double lo, double hi, int approxCount) {
    double step = niceStep(hi - lo, approxCount);
    BigDecimal exactStep = BigDecimal.valueOf(step);
    long first = (long) Math.ceil(lo / step - 1e-9);
    long last = (long) Math.floor(hi / step + 1e-9);
    List<Double> ticks = new ArrayList<>();
    for (long k = first; k <= last; k++) {
      // Multiplying in decimal gives the double nearest to k * step, e.g. exactly 0.3, not
      // 0.30000000000000004.
      ticks.add(exactStep.multiply(BigDecimal.valueOf(k)).doubleValue());
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double[] logTicks(int approxCount) {
    int firstDecade = (int) Math.floor(Math.log10(min));
    int lastDecade = (int) Math.ceil(Math.log10(max));
    List<Double> oneTwoFive = new ArrayList<>();
    List<Integer> decades = new ArrayList<>();
    for (int k = firstDecade; k <= lastDecade; k++) {
      for (int mantissa : new int[] {1, 2, 5}) {
        double v = decimal(mantissa, k);
        if (inRange(v)) {
          oneTwoFive.add(v);
          if (mantissa == 1) {
            decades.add(k);
          }
        }
      }
    }
    // Allow some overshoot: 1-2-5 labels read well even when a few more than asked for.
    if (oneTwoFive.size() <= approxCount + approxCount / 2) {
      return oneTwoFive.stream().mapToDouble(Double::doubleValue).toArray();
    }
    int stride = (int) Math.ceil(decades.size() / (double) approxCount);
    return decades.stream()
        .filter(k -> Math.floorMod(k, stride) == 0)
        .mapToDouble(k -> decimal(1, k))
        .toArray();
  }

  /**
   * Inside [min, max] up to a relative 1e-9, so 10^k computed in decimal still counts at the ends.
   */
  private boolean inRange(double v) {
    return v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  }

  private static double decimal(int mantissa, int exponent) {
    return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).doubleValue();
  }

  /**
   * A short label for a value: plain notation with up to 4 significant digits (never rounding the
   * integer part) for 0.001 <= |v| < 100000, otherwise scientific such as "2.5e−4". Negative signs
   * are the typographic minus (U+2212), which reads better than a hyphen in figures.
   */
  public String format(double value) {
    return formatValue(value);
  }

  static String formatValue(double value) {
    return plainFormat(value).replace('-', MINUS);
  }

  private static String plainFormat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-3 && magnitude < 1e5) {
      int integerDigits = Math.max(0, (int) Math.floor(Math.log10(magnitude)) + 1);
      BigDecimal rounded =
          new BigDecimal(value)
              .round(new MathContext(Math.max(4, integerDigits)))
              .stripTrailingZeros();
      return rounded.toPlainString();
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal mantissa = rounded.scaleByPowerOfTen(-exponent).stripTrailingZeros();
    return mantissa.toPlainString() + "e" + exponent;
  }
}
