package org.losslandscape.pipeline.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and reads numpy {@code .npy} files (format version 1.0) holding little-endian float32
 * ({@code "<f4"}) or int32 ({@code "<i4"}) arrays of any shape in C order, so that results can be
 * opened with {@code numpy.load} without any conversion.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, version bytes {@code 1 0}, a little-endian uint16 header
 * length, then an ASCII Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (2, 3), }} padded with spaces and ended by {@code '\n'} so that the data begins at a
 * multiple of 64 bytes, then the raw elements. The padding is the smallest that reaches that
 * alignment; numpy itself adds some spare spaces for in-place growth, which readers ignore.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** numpy aligns the data to 64 bytes so that it can be memory-mapped with any element type. */
  private static final int DATA_ALIGNMENT = 64;

  private static final int V1_PREFIX_LENGTH = MAGIC.length + 2 + 2;
  private static final String FLOAT32 = "<f4";
  private static final String INT32 = "<i4";

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN_ORDER =
      Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Encodes a float32 array; {@code data} holds the elements of {@code shape} in C order. */
  public static byte[] encodeFloat32(int[] shape, float[] data) {
    Shapes.checkedCopy(shape, data.length);
    ByteBuffer buffer = startBuffer(FLOAT32, shape, data.length);
    buffer.asFloatBuffer().put(data);
    return buffer.array();
  }

  /** Encodes an int32 array; {@code data} holds the elements of {@code shape} in C order. */
  public static byte[] encodeInt32(int[] shape, int[] data) {
    Shapes.checkedCopy(shape, data.length);
    ByteBuffer buffer = startBuffer(INT32, shape, data.length);
    buffer.asIntBuffer().put(data);
    return buffer.array();
  }

  /**
   * Writes a float32 array to {@code target} atomically (see {@link AtomicFiles}).
   *
   * @throws ResultsException if the file cannot be written
   */
  public static void writeFloat32(Path target, int[] shape, float[] data) {
    AtomicFiles.write(target, encodeFloat32(shape, data));
  }

  /**
   * Writes {@code values} as a float32 vector (each rounded to float) to {@code target} atomically.
   *
   * @throws ResultsException if the file cannot be written
   */
  public static void writeFloat32(Path target, double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    writeFloat32(target, new int[] {f.length}, f);
  }

  /**
   * Writes the rectangular {@code rows} as a float32 matrix {@code [rows.length, rows[0].length]}
   * (each value rounded to float) to {@code target} atomically.
   *
   * @throws ResultsException if the file cannot be written
   */
  public static void writeFloat32(Path target, double[][] rows) {
    int cols = rows[0].length;
    float[] f = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
      }
      for (int j = 0; j < cols; j++) {
        f[i * cols + j] = (float) rows[i][j];
      }
    }
    writeFloat32(target, new int[] {rows.length, cols}, f);
  }

  /**
   * Writes an int32 array to {@code target} atomically (see {@link AtomicFiles}).
   *
   * @throws ResultsException if the file cannot be written
   */
  public static void writeInt32(Path target, int[] shape, int[] data) {
    AtomicFiles.write(target, encodeInt32(shape, data));
  }

  /**
   * Reads a {@code .npy} file written by this class or by numpy.
   *
   * @throws ResultsException if the file cannot be read, is not a {@code .npy} file, uses an
   *     unsupported dtype or Fortran order, or its length does not match its header
   */
  public static NpyArray read(Path source) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(source);
    } catch (IOException e) {
      throw new ResultsException("Cannot read " + source + ": " + AtomicFiles.describe(e) + ".", e);
    }
    return decode(bytes, source.toString());
  }

  /**
   * Decodes the content of a {@code .npy} file.
   *
   * @param bytes the whole file
   * @param sourceName how to name the file in error messages
   * @throws ResultsException if the bytes are not a supported {@code .npy} array
   */
  public static NpyArray decode(byte[] bytes, String sourceName) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    String header = readHeader(buffer, sourceName);
    String dtype = parseDtype(header, sourceName);
    int[] shape = parseShape(header, sourceName);
    String fortranOrder = group(FORTRAN_ORDER, header);
    if (fortranOrder == null) {
      throw invalid(sourceName, "its header has no fortran_order entry");
    }
    if (!"False".equals(fortranOrder)) {
      throw invalid(sourceName, "it is stored in Fortran order, only C order is supported");
    }
    long elementCount = Shapes.elementCount(shape);
    if (elementCount < 0) {
      throw invalid(sourceName, "shape " + Arrays.toString(shape) + " is too large to load");
    }
    long expectedBytes = elementCount * Integer.BYTES;
    if (buffer.remaining() != expectedBytes) {
      throw invalid(
          sourceName,
          "shape "
              + Arrays.toString(shape)
              + " needs "
              + expectedBytes
              + " data bytes but the file has "
              + buffer.remaining());
    }
    ByteBuffer data = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (FLOAT32.equals(dtype)) {
      float[] floats = new float[(int) elementCount];
      data.asFloatBuffer().get(floats);
      return new NpyArray.Float32(shape, floats);
    }
    int[] ints = new int[(int) elementCount];
    data.asIntBuffer().get(ints);
    return new NpyArray.Int32(shape, ints);
  }

  /** The header dict for {@code dtype} and {@code shape}, padded and ending in a newline. */
  static String header(String dtype, int[] shape) {
    String dict =
        "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + pythonTuple(shape) + ", }";
    int unpadded = V1_PREFIX_LENGTH + dict.length() + 1;
    int padding = (DATA_ALIGNMENT - unpadded % DATA_ALIGNMENT) % DATA_ALIGNMENT;
    return dict + " ".repeat(padding) + "\n";
  }

  /** Python's repr of a tuple: {@code ()}, {@code (5,)} with its trailing comma, {@code (2, 3)}. */
  private static String pythonTuple(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder tuple = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return tuple.append(')').toString();
  }

  /** A buffer for the whole file with magic and header written, positioned at the data. */
  private static ByteBuffer startBuffer(String dtype, int[] shape, int elementCount) {
    byte[] header = header(dtype, shape).getBytes(StandardCharsets.US_ASCII);
    if (header.length > 0xFFFF) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " has too many dimensions for a version 1.0 header");
    }
    ByteBuffer buffer =
        ByteBuffer.allocate(V1_PREFIX_LENGTH + header.length + elementCount * Integer.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    return buffer
        .put(MAGIC)
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length)
        .put(header);
  }

  /**
   * Checks magic and version and returns the header text, leaving {@code buffer} at the data.
   * Versions 2.0 and 3.0 differ from 1.0 only in a 4-byte header length (and 3.0 in a UTF-8
   * header), so numpy files that needed them are accepted too.
   */
  private static String readHeader(ByteBuffer buffer, String sourceName) {
    if (buffer.remaining() < V1_PREFIX_LENGTH
        || !Arrays.equals(Arrays.copyOf(buffer.array(), MAGIC.length), MAGIC)) {
      throw invalid(sourceName, "it does not start with the .npy magic bytes");
    }
    buffer.position(MAGIC.length);
    int major = Byte.toUnsignedInt(buffer.get());
    int minor = Byte.toUnsignedInt(buffer.get());
    long headerLength;
    if (major == 1 && minor == 0) {
      headerLength = Short.toUnsignedInt(buffer.getShort());
    } else if ((major == 2 || major == 3) && minor == 0 && buffer.remaining() >= Integer.BYTES) {
      headerLength = Integer.toUnsignedLong(buffer.getInt());
    } else {
      throw invalid(sourceName, "format version " + major + "." + minor + " is not supported");
    }
    if (headerLength > buffer.remaining()) {
      throw invalid(
          sourceName,
          "its header claims "
              + headerLength
              + " bytes but only "
              + buffer.remaining()
              + " follow");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    buffer.get(headerBytes);
    String header =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String dict = header.strip();
    if (!header.endsWith("\n") || !dict.startsWith("{") || !dict.endsWith("}")) {
      throw invalid(sourceName, "its header is not a dict literal ending in a newline");
    }
    return dict;
  }

  private static String parseDtype(String header, String sourceName) {
    String dtype = group(DESCR, header);
    if (dtype == null) {
      throw invalid(sourceName, "its header has no descr entry");
    }
    if (!FLOAT32.equals(dtype) && !INT32.equals(dtype)) {
      throw invalid(
          sourceName,
          "dtype '" + dtype + "' is not supported, only '<f4' (float32) and '<i4' (int32)");
    }
    return dtype;
  }

  private static int[] parseShape(String header, String sourceName) {
    String tuple = group(SHAPE, header);
    if (tuple == null) {
      throw invalid(sourceName, "its header has no shape tuple");
    }
    String[] parts = tuple.split(",", -1);
    int dimensions = parts.length;
    // A trailing comma, as in (5,) or (2, 3,), does not start another dimension.
    if (parts[dimensions - 1].isBlank()) {
      dimensions--;
    }
    int[] shape = new int[dimensions];
    for (int i = 0; i < dimensions; i++) {
      try {
        shape[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw invalid(sourceName, "its shape (" + tuple + ") is not a tuple of integers");
      }
      if (shape[i] < 0) {
        throw invalid(sourceName, "its shape (" + tuple + ") has a negative dimension");
      }
    }
    return shape;
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static ResultsException invalid(String sourceName, String reason) {
    return new ResultsException("Cannot read " + sourceName + " as a .npy array: " + reason + ".");
  }
}
