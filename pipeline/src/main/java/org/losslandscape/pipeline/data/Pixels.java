package org.losslandscape.pipeline.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The values of a set of images, image after image, each image row by row and channels-last (the
 * layout of {@link org.losslandscape.models.network.InputShape}).
 *
 * <p>Two kinds, because they are scaled differently before standardization: 8-bit levels (IDX
 * files, integer arrays) are divided by 255 as Fashion-MNIST's pixels always were; real values
 * (float arrays) are taken as given. The arrays are not copied: a record takes ownership of the
 * array it is given and callers must not modify it afterwards (records compare arrays by identity).
 */
public sealed interface Pixels permits Pixels.Levels, Pixels.Reals {

  /** The number of values (images times values per image). */
  int length();

  /** The first {@code n} values, as a fresh copy. */
  Pixels first(int n);

  /** Adds the values to {@code sha}, for the data set's fingerprint. */
  void digestInto(MessageDigest sha);

  /**
   * 8-bit levels {@code 0..255} (read with {@code Byte.toUnsignedInt}); the value of level {@code
   * p} is {@code p / 255}.
   *
   * @param values one unsigned byte per value
   */
  record Levels(byte[] values) implements Pixels {

    @Override
    public int length() {
      return values.length;
    }

    @Override
    public Levels first(int n) {
      return new Levels(Arrays.copyOf(values, n));
    }

    /** The bytes as they are: Fashion-MNIST's fingerprint is what it always was. */
    @Override
    public void digestInto(MessageDigest sha) {
      sha.update(values);
    }
  }

  /**
   * Real values, taken as given (a float32 or float64 array, the latter rounded to float32).
   *
   * @param values one finite float per value
   */
  record Reals(float[] values) implements Pixels {

    /** Marks real values in the fingerprint, so no byte array can digest the same. */
    private static final byte[] DIGEST_MARK = "float32:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public int length() {
      return values.length;
    }

    @Override
    public Reals first(int n) {
      return new Reals(Arrays.copyOf(values, n));
    }

    /** A mark, then each float's bits, little-endian. */
    @Override
    public void digestInto(MessageDigest sha) {
      sha.update(DIGEST_MARK);
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (float value : values) {
        if (buffer.remaining() < Float.BYTES) {
          sha.update(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        buffer.putFloat(value);
      }
      sha.update(buffer.array(), 0, buffer.position());
    }
  }
}
