package org.losslandscape.pipeline.io;

/**
 * Element conversions that Java 17 lacks: IEEE half precision to float32 and unsigned 64-bit
 * integers to float32, both rounding exactly as numpy's {@code astype(np.float32)} does.
 */
final class NumericConversions {

  private NumericConversions() {}

  /**
   * The float32 equal to an IEEE 754 binary16 value. Every half-precision number (subnormals,
   * signed zeros and infinities included) is exactly representable in float32; a NaN keeps its sign
   * and payload, shifted into the wider mantissa.
   */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f80_0000 | mantissa << 13);
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24, a normal (or zero) float32, exact.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    // Re-bias the exponent from 15 to 127; the 10 mantissa bits become the top of 23.
    return Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | mantissa << 13);
  }

  /**
   * The float32 nearest to {@code bits} read as an unsigned 64-bit integer, ties to even.
   *
   * <p>Values up to {@code Long.MAX_VALUE} convert directly. Larger ones are halved first; the bit
   * shifted out is ORed back into the lowest bit ("sticky bit") so that a value just above a
   * rounding midpoint is not mistaken for the midpoint itself. That is exact because float32 keeps
   * only 24 significant bits, far above the bit that changes.
   */
  static float unsignedLongToFloat(long bits) {
    if (bits >= 0) {
      return bits;
    }
    return ((float) ((bits >>> 1) | (bits & 1))) * 2f;
  }
}
