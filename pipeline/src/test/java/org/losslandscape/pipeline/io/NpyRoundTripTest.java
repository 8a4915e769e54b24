package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Decoding what was encoded gives back the same shape and the same bits, for any shape. */
class NpyRoundTripTest {

  @Property(tries = 300)
  void float32RoundTripKeepsShapeAndEveryBit(@ForAll("floatArrays") NpyArray.Float32 array) {
    byte[] encoded = Npy.encodeFloat32(array.shape(), array.data());

    NpyArray.Float32 decoded = Npy.decode(encoded, "property.npy").asFloat32();

    assertThat(decoded.shape()).isEqualTo(array.shape());
    assertThat(rawBits(decoded.data())).isEqualTo(rawBits(array.data()));
    assertThat(encoded.length - 4 * array.size()).isPositive().isEqualTo(headerLength(encoded));
    assertThat(headerLength(encoded) % 64).isZero();
  }

  @Property(tries = 300)
  void int32RoundTripKeepsShapeAndValues(@ForAll("intArrays") NpyArray.Int32 array) {
    NpyArray decoded = Npy.decode(Npy.encodeInt32(array.shape(), array.data()), "property.npy");

    assertThat(decoded).isEqualTo(array);
  }

  @Provide
  Arbitrary<NpyArray.Float32> floatArrays() {
    return shapes()
        .flatMap(
            shape ->
                Arbitraries.floats()
                    .withStandardSpecialValues()
                    .withSpecialValue(-0.0f)
                    .array(float[].class)
                    .ofSize(sizeOf(shape))
                    .map(data -> new NpyArray.Float32(toArray(shape), data)));
  }

  @Provide
  Arbitrary<NpyArray.Int32> intArrays() {
    return shapes()
        .flatMap(
            shape ->
                Arbitraries.integers()
                    .array(int[].class)
                    .ofSize(sizeOf(shape))
                    .map(data -> new NpyArray.Int32(toArray(shape), data)));
  }

  /** Ranks 0 to 5 with dimensions 0 to 6, so empty, scalar and N-d arrays all occur. */
  private static Arbitrary<List<Integer>> shapes() {
    return Arbitraries.integers().between(0, 6).list().ofMaxSize(5);
  }

  private static int sizeOf(List<Integer> shape) {
    return shape.stream().reduce(1, (a, b) -> a * b);
  }

  private static int[] toArray(List<Integer> shape) {
    return shape.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] rawBits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  /** Magic, version and length prefix plus the header text: the offset of the data. */
  private static int headerLength(byte[] encoded) {
    return 10 + (Byte.toUnsignedInt(encoded[8]) | Byte.toUnsignedInt(encoded[9]) << 8);
  }
}
