package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The two conversions Java lacks, against slow obvious references: binary16 decoded by its
 * definition in double arithmetic, and unsigned 64-bit integers rounded by {@link
 * BigInteger#floatValue()} (exact, round half to even).
 */
class NumericConversionsTest {

  @Test
  void everyHalfPrecisionValueConvertsToTheFloatItDenotes() {
    for (int bits = 0; bits <= 0xffff; bits++) {
      float actual = NumericConversions.halfToFloat((short) bits);
      double expected = halfByDefinition(bits);

      if (Double.isNaN(expected)) {
        assertThat(actual).as("0x%04x", bits).isNaN();
        // The payload and sign survive, as in numpy: the 10 mantissa bits move to the top of 23.
        assertThat(Float.floatToRawIntBits(actual) & 0x807f_ffff)
            .as("0x%04x", bits)
            .isEqualTo((bits & 0x8000) << 16 | (bits & 0x3ff) << 13);
      } else {
        assertThat(Float.floatToRawIntBits(actual))
            .as("0x%04x", bits)
            .isEqualTo(Float.floatToRawIntBits((float) expected));
      }
    }
  }

  @Test
  void halfPrecisionLandmarks() {
    assertThat(NumericConversions.halfToFloat((short) 0x3c00)).isEqualTo(1f);
    assertThat(NumericConversions.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
    assertThat(NumericConversions.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(NumericConversions.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
    assertThat(NumericConversions.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(Float.floatToRawIntBits(NumericConversions.halfToFloat((short) 0x8000)))
        .isEqualTo(Float.floatToRawIntBits(-0f));
  }

  @Property(tries = 3000)
  void unsignedLongRoundsToNearestFloatTiesToEven(@ForAll("unsignedLongs") long bits) {
    float expected = new BigInteger(Long.toUnsignedString(bits)).floatValue();

    assertThat(NumericConversions.unsignedLongToFloat(bits)).isEqualTo(expected);
  }

  @Test
  void unsignedLongLandmarks() {
    assertThat(NumericConversions.unsignedLongToFloat(-1L)).isEqualTo(0x1p64f);
    assertThat(NumericConversions.unsignedLongToFloat(Long.MIN_VALUE)).isEqualTo(0x1p63f);
    // 2^63 + 2^39 is a tie between 2^63 and 2^63 + 2^40: to even, i.e. down.
    assertThat(NumericConversions.unsignedLongToFloat(Long.MIN_VALUE + (1L << 39)))
        .isEqualTo(0x1p63f);
    // One above the tie must round up; a plain halving would lose that last bit.
    assertThat(NumericConversions.unsignedLongToFloat(Long.MIN_VALUE + (1L << 39) + 1))
        .isEqualTo(0x1p63f + 0x1p40f);
  }

  /**
   * Random values, and values within 2 of a float32 rounding midpoint (24 significant bits followed
   * by a single 1 bit) at every magnitude, where a wrong rounding shows.
   */
  @Provide
  Arbitrary<Long> unsignedLongs() {
    Arbitrary<Long> midpoints =
        Arbitraries.longs().between(1L << 23, (1L << 24) - 1).map(top -> top << 40 | 1L << 39);
    Arbitrary<Long> nearMidpoints =
        Combinators.combine(
                midpoints,
                Arbitraries.integers().between(0, 40),
                Arbitraries.longs().between(-2, 2))
            .as((midpoint, shift, delta) -> (midpoint >>> shift) + delta);
    return Arbitraries.oneOf(Arbitraries.longs(), nearMidpoints);
  }

  /** binary16 by its definition: sign, 5-bit exponent biased by 15, 10-bit fraction. */
  private static double halfByDefinition(int bits) {
    double sign = (bits & 0x8000) != 0 ? -1 : 1;
    int exponent = (bits >> 10) & 0x1f;
    int fraction = bits & 0x3ff;
    if (exponent == 31) {
      return fraction == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (exponent == 0) {
      return sign * fraction / 1024.0 * Math.pow(2, -14);
    }
    return sign * (1 + fraction / 1024.0) * Math.pow(2, exponent - 15);
  }
}
