package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class ColorScaleTest {

  @Test
  void linearNormalizeMapsEndsAndClamps() {
    ColorScale scale = new ColorScale(2, 6, false);
    assertThat(scale.normalize(2)).isEqualTo(0.0);
    assertThat(scale.normalize(4)).isEqualTo(0.5);
    assertThat(scale.normalize(6)).isEqualTo(1.0);
    assertThat(scale.normalize(-100)).isEqualTo(0.0);
    assertThat(scale.normalize(100)).isEqualTo(1.0);
    assertThat(scale.normalize(Double.NaN)).isNaN();
    assertThat(scale.normalize(Double.POSITIVE_INFINITY)).isNaN();
  }

  @Test
  void logNormalizeIsLinearInDecades() {
    ColorScale scale = new ColorScale(0.1, 100, true);
    assertThat(scale.normalize(0.1)).isCloseTo(0.0, within(1e-12));
    assertThat(scale.normalize(1)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(scale.normalize(10)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(scale.normalize(0)).isEqualTo(0.0);
    assertThat(scale.normalize(-5)).isEqualTo(0.0);
  }

  @Property
  void valueAtInvertsNormalize(
      @ForAll @DoubleRange(min = 0, max = 1) double t, @ForAll boolean log) {
    ColorScale scale = new ColorScale(0.2, 55, log);
    assertThat(scale.normalize(scale.valueAt(t))).isCloseTo(t, within(1e-9));
  }

  @Test
  void rejectsInvalidRanges() {
    assertThatThrownBy(() -> new ColorScale(1, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min < max");
    assertThatThrownBy(() -> new ColorScale(3, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ColorScale(0, Double.NaN, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> new ColorScale(0, 10, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min > 0");
  }

  @Test
  void linearTicksOnUnitRange() {
    assertThat(new ColorScale(0, 1, false).ticks(5)).containsExactly(0, 0.2, 0.4, 0.6, 0.8, 1.0);
  }

  @Test
  void linearTicksAreExactDecimals() {
    // 0.1 + 0.2 style drift would give labels such as 0.30000000000000004.
    for (double tick : new ColorScale(0.05, 0.95, false).ticks(9)) {
      assertThat(Double.toString(tick).length()).as("%s", tick).isLessThanOrEqualTo(4);
    }
  }

  @Property
  void linearTicksAreNiceAndInside(
      @ForAll @DoubleRange(min = -1e4, max = 1e4) double lo,
      @ForAll @DoubleRange(min = 1e-3, max = 1e4) @Scale(6) double span,
      @ForAll @IntRange(min = 4, max = 15) int approx) {
    ColorScale scale = new ColorScale(lo, lo + span, false);
    double[] ticks = scale.ticks(approx);
    assertThat(ticks.length).isBetween(2, 2 * approx + 1);
    double step = ColorScale.niceStep(scale.max() - scale.min(), approx);
    assertThat(mantissa(step)).isIn(1, 2, 5);
    for (int k = 0; k < ticks.length; k++) {
      assertThat(ticks[k]).isBetween(scale.min() - span * 1e-9, scale.max() + span * 1e-9);
      if (k > 0) {
        assertThat(ticks[k] - ticks[k - 1]).isCloseTo(step, within(step * 1e-6));
      }
      assertThat(Math.abs(ticks[k] / step - Math.rint(ticks[k] / step))).isLessThan(1e-6);
    }
  }

  @Test
  void logTicksUseOneTwoFiveOverFewDecades() {
    assertThat(new ColorScale(0.3, 50, true).ticks(6)).containsExactly(0.5, 1, 2, 5, 10, 20, 50);
  }

  @Test
  void logTicksThinOutDecadesOverManyDecades() {
    assertThat(new ColorScale(1e-4, 1e4, true).ticks(5)).containsExactly(1e-4, 1e-2, 1, 100, 1e4);
  }

  @Property
  void logTicksAreOneTwoFiveTimesPowersOfTen(
      @ForAll @DoubleRange(min = -6, max = 3) double logLo,
      // Any interval of 0.8 decades holds at least two values m * 10^k; narrower ones fall back to
      // linear ticks, tested below.
      @ForAll @DoubleRange(min = 0.8, max = 8) double decades,
      @ForAll @IntRange(min = 4, max = 12) int approx) {
    ColorScale scale = new ColorScale(Math.pow(10, logLo), Math.pow(10, logLo + decades), true);
    double[] ticks = scale.ticks(approx);
    assertThat(ticks.length).isGreaterThanOrEqualTo(2);
    for (double tick : ticks) {
      assertThat(tick).isBetween(scale.min() * (1 - 1e-9), scale.max() * (1 + 1e-9));
      assertThat(mantissa(tick)).isIn(1, 2, 5);
    }
  }

  @Test
  void narrowLogRangeFallsBackToLinearTicks() {
    double[] ticks = new ColorScale(0.3, 0.45, true).ticks(5);
    assertThat(ticks.length).isGreaterThanOrEqualTo(2);
    for (double tick : ticks) {
      assertThat(tick).isBetween(0.3, 0.45);
    }
  }

  @Test
  void ticksNeedAtLeastTwo() {
    assertThatThrownBy(() -> new ColorScale(0, 1, false).ticks(1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sharedScaleSpansAllFinitePanelValues() {
    SurfaceData a =
        new SurfaceData(
            "a",
            new double[] {0, 1},
            new double[] {0, 1},
            new double[][] {{0.5, 2}, {Double.NaN, 3}});
    SurfaceData b =
        new SurfaceData(
            "b",
            new double[] {0, 1},
            new double[] {0, 1},
            new double[][] {{0.2, Double.POSITIVE_INFINITY}, {7, 1}});
    assertThat(ColorScale.shared(List.of(a, b), false)).isEqualTo(new ColorScale(0.2, 7, false));
  }

  @Test
  void sharedLogScaleClampsToSmallestPositiveValue() {
    SurfaceData a =
        new SurfaceData(
            "a", new double[] {0, 1}, new double[] {0, 1}, new double[][] {{0, 0.01}, {-1, 40}});
    assertThat(ColorScale.shared(List.of(a), true)).isEqualTo(new ColorScale(0.01, 40, true));
  }

  @Test
  void sharedScaleWidensAConstantSurface() {
    SurfaceData flat =
        new SurfaceData(
            "flat", new double[] {0, 1}, new double[] {0, 1}, new double[][] {{2, 2}, {2, 2}});
    ColorScale linear = ColorScale.shared(List.of(flat), false);
    assertThat(linear.min()).isLessThan(2);
    assertThat(linear.max()).isGreaterThan(2);
    ColorScale log = ColorScale.shared(List.of(flat), true);
    assertThat(log.min()).isLessThan(2);
    assertThat(log.max()).isGreaterThan(2);
  }

  @Test
  void sharedScaleRejectsNothingToScale() {
    SurfaceData diverged =
        new SurfaceData(
            "nan",
            new double[] {0, 1},
            new double[] {0, 1},
            new double[][] {{Double.NaN, Double.NaN}, {Double.NaN, Double.POSITIVE_INFINITY}});
    assertThatThrownBy(() -> ColorScale.shared(List.of(diverged), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no finite value");
    SurfaceData negative =
        new SurfaceData(
            "neg", new double[] {0, 1}, new double[] {0, 1}, new double[][] {{-1, -2}, {0, -3}});
    assertThatThrownBy(() -> ColorScale.shared(List.of(negative), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log");
    assertThatThrownBy(() -> ColorScale.shared(List.of(), true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatGivesShortLabels() {
    assertThat(ColorScale.formatValue(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(ColorScale.formatValue(0)).isEqualTo("0");
    assertThat(ColorScale.formatValue(2)).isEqualTo("2");
    assertThat(ColorScale.formatValue(12345)).isEqualTo("12345");
    assertThat(ColorScale.formatValue(0.25)).isEqualTo("0.25");
    assertThat(ColorScale.formatValue(-0.5)).isEqualTo("\u22120.5");
    assertThat(ColorScale.formatValue(1e-4)).isEqualTo("1e\u22124");
    assertThat(ColorScale.formatValue(2.5e5)).isEqualTo("2.5e5");
    assertThat(ColorScale.formatValue(Double.NaN)).isEqualTo("NaN");
  }

  @Property
  void formatOfTicksIsDistinct(
      @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(6) double lo,
      @ForAll @DoubleRange(min = 1.01, max = 1e4) double ratio,
      @ForAll boolean log) {
    ColorScale scale = new ColorScale(lo, lo * ratio, log);
    double[] ticks = scale.ticks(8);
    assertThat(java.util.Arrays.stream(ticks).mapToObj(scale::format).distinct().count())
        .isEqualTo(ticks.length);
  }

  /**
   * The leading digit of |v| when v is d * 10^k with d one digit (to 9 significant digits, which
   * absorbs the rounding of a difference of doubles), else -1.
   */
  private static int mantissa(double v) {
    BigDecimal decimal = new BigDecimal(Math.abs(v)).round(new MathContext(9)).stripTrailingZeros();
    return decimal.unscaledValue().bitLength() <= 4 && decimal.unscaledValue().intValue() < 10
        ? decimal.unscaledValue().intValue()
        : -1;
  }
}
