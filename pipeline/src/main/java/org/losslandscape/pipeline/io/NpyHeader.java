package org.losslandscape.pipeline.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a {@code .npy} file's header declares, checked against the file's length before anything the
 * size of the data is allocated.
 *
 * @param dtype the element type and byte order
 * @param fortranOrder whether the first axis varies fastest in the file (numpy writes transposed
 *     arrays this way) instead of the last
 * @param shape the dimensions, each non-negative; empty for a 0-d (scalar) array
 * @param elementCount the product of {@code shape}, at most {@link Npy#MAX_ELEMENTS}
 * @param dataOffset where the elements start in the file
 */
record NpyHeader(
    NpyDtype dtype, boolean fortranOrder, int[] shape, int elementCount, int dataOffset) {

  /** numpy's own limit on the number of dimensions (NPY_MAXDIMS in numpy 2). */
  static final int MAX_DIMENSIONS = 64;

  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Magic, two version bytes and the 2-byte header length of version 1.0. */
  static final int V1_PREFIX_LENGTH = MAGIC.length + 2 + 2;

  /** Versions 2.0 and 3.0 have a 4-byte header length. */
  private static final int V2_PREFIX_LENGTH = MAGIC.length + 2 + 4;

  NpyHeader {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Reads and checks the header of a whole {@code .npy} file.
   *
   * <p>Versions 2.0 and 3.0 differ from 1.0 only in a 4-byte header length (and 3.0 in a UTF-8
   * header instead of Latin-1), so all three are read.
   *
   * @throws IllegalArgumentException with a one-line reason (no file name) if the file is not a
   *     numeric {@code .npy} array this reader can load
   */
  static NpyHeader parse(byte[] file) {
    if (file.length < V1_PREFIX_LENGTH
        || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("it does not start with the .npy magic bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int major = Byte.toUnsignedInt(file[MAGIC.length]);
    int minor = Byte.toUnsignedInt(file[MAGIC.length + 1]);
    long headerLength;
    int prefixLength;
    if (major == 1 && minor == 0) {
      headerLength = Short.toUnsignedInt(buffer.getShort(MAGIC.length + 2));
      prefixLength = V1_PREFIX_LENGTH;
    } else if ((major == 2 || major == 3) && minor == 0) {
      if (file.length < V2_PREFIX_LENGTH) {
        throw new IllegalArgumentException("it ends inside its header");
      }
      headerLength = Integer.toUnsignedLong(buffer.getInt(MAGIC.length + 2));
      prefixLength = V2_PREFIX_LENGTH;
    } else {
      throw new IllegalArgumentException(
          "format version " + major + "." + minor + " is not supported (1.0, 2.0 and 3.0 are)");
    }
    long available = file.length - prefixLength;
    if (headerLength > available) {
      throw new IllegalArgumentException(
          "its header claims " + headerLength + " bytes but only " + available + " follow");
    }
    int dataOffset = prefixLength + (int) headerLength;
    String text =
        new String(
            file,
            prefixLength,
            (int) headerLength,
            major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader header = interpret(text, dataOffset);
    long dataBytes = file.length - (long) dataOffset;
    long expectedBytes = (long) header.elementCount * header.dtype.type().size();
    if (dataBytes != expectedBytes) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(header.shape)
              + " of "
              + header.dtype.type().numpyName()
              + " needs "
              + expectedBytes
              + " data bytes but the file has "
              + dataBytes);
    }
    return header;
  }

  private static NpyHeader interpret(String text, int dataOffset) {
    PythonLiteral.Value literal;
    try {
      literal = PythonLiteral.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "its header is not a Python dict literal: " + e.getMessage());
    }
    if (!(literal instanceof PythonLiteral.Dict dict)) {
      throw new IllegalArgumentException(
          "its header is a " + literal.typeName() + " literal, not a dict");
    }
    Map<String, PythonLiteral.Value> entries = dict.entries();
    NpyDtype dtype = dtype(entries.get("descr"));
    if (!(entries.get("fortran_order") instanceof PythonLiteral.Bool fortranOrder)) {
      throw new IllegalArgumentException(
          "its header's fortran_order is "
              + describeValue(entries.get("fortran_order"))
              + ", not True or False");
    }
    int[] shape = shape(entries.get("shape"));
    long count = elementCount(shape);
    if (count > Npy.MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "its shape "
              + Arrays.toString(shape)
              + " declares "
              + (count == Long.MAX_VALUE ? "more than 2^63" : Long.toString(count))
              + " elements, more than a Java array can hold");
    }
    return new NpyHeader(dtype, fortranOrder.value(), shape, (int) count, dataOffset);
  }

  private static NpyDtype dtype(PythonLiteral.Value descr) {
    if (descr instanceof PythonLiteral.Str typeString) {
      return NpyDtype.parse(typeString.value());
    }
    if (descr instanceof PythonLiteral.PyList fields) {
      throw new IllegalArgumentException(
          "its dtype is structured (a record with "
              + fields.items().size()
              + " field"
              + (fields.items().size() == 1 ? "" : "s")
              + "), not a plain numeric array");
    }
    throw new IllegalArgumentException(
        "its header's descr is " + describeValue(descr) + ", not a dtype string such as '<f4'");
  }

  private static int[] shape(PythonLiteral.Value value) {
    if (!(value instanceof PythonLiteral.Tuple tuple)) {
      throw new IllegalArgumentException(
          "its header's shape is " + describeValue(value) + ", not a tuple of integers");
    }
    List<PythonLiteral.Value> items = tuple.items();
    if (items.size() > MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "its shape has "
              + items.size()
              + " dimensions, more than numpy's limit of "
              + MAX_DIMENSIONS);
    }
    int[] shape = new int[items.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(items.get(i) instanceof PythonLiteral.Int dimension)) {
        throw new IllegalArgumentException(
            "its shape's dimension "
                + i
                + " is "
                + describeValue(items.get(i))
                + ", not an integer");
      }
      BigInteger size = dimension.value();
      if (size.signum() < 0) {
        throw new IllegalArgumentException(
            "its shape's dimension " + i + " is negative (" + size + ")");
      }
      if (size.bitLength() > 31) {
        throw new IllegalArgumentException(
            "its shape's dimension " + i + " (" + size + ") is larger than a Java array can hold");
      }
      shape[i] = size.intValue();
    }
    return shape;
  }

  /** The product of {@code shape}, or {@code Long.MAX_VALUE} if it overflows. */
  private static long elementCount(int[] shape) {
    if (Arrays.stream(shape).anyMatch(dimension -> dimension == 0)) {
      return 0;
    }
    long count = 1;
    for (int dimension : shape) {
      if (count > Long.MAX_VALUE / dimension) {
        return Long.MAX_VALUE;
      }
      count *= dimension;
    }
    return count;
  }

  /** A value from the header, for messages: its type and, if short, the value itself. */
  private static String describeValue(PythonLiteral.Value value) {
    if (value == null) {
      return "missing";
    }
    String shown;
    if (value instanceof PythonLiteral.Str s) {
      shown = "'" + NpyDtype.shorten(s.value()) + "'";
    } else if (value instanceof PythonLiteral.Int i) {
      shown = NpyDtype.shorten(i.value().toString());
    } else if (value instanceof PythonLiteral.Bool b) {
      shown = b.value() ? "True" : "False";
    } else if (value instanceof PythonLiteral.Tuple t) {
      shown = "of " + t.items().size();
    } else if (value instanceof PythonLiteral.PyList l) {
      shown = "of " + l.items().size();
    } else if (value instanceof PythonLiteral.Dict d) {
      shown = "with keys " + NpyDtype.shorten(String.join(", ", d.entries().keySet()));
    } else {
      shown = "None";
    }
    String article = "aeiou".indexOf(value.typeName().charAt(0)) >= 0 ? "an " : "a ";
    return article + value.typeName() + " (" + shown + ")";
  }
}
