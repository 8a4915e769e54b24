package org.losslandscape.pipeline.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Writes numpy {@code .npy} files (format version 1.0) holding little-endian float32 ({@code
 * "<f4"}) or int32 ({@code "<i4"}) arrays in C order, so that results open with {@code numpy.load}
 * without conversion, and reads the {@code .npy} files people actually have.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, version bytes {@code 1 0}, a little-endian uint16 header
 * length, then an ASCII Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (2, 3), }} padded with spaces and ended by {@code '\n'} so that the data begins at a
 * multiple of 64 bytes, then the raw elements. The padding written here is the smallest that
 * reaches that alignment; numpy itself adds some spare spaces for in-place growth.
 *
 * <h2>What the reader accepts</h2>
 *
 * <ul>
 *   <li>Format versions 1.0, 2.0 (4-byte header length) and 3.0 (UTF-8 header).
 *   <li>Fortran order (first axis fastest), which {@code np.save(path, w.T)} writes for a
 *       transposed PyTorch weight: elements are reordered into C order, so the result always has
 *       the shape the header declares, last axis fastest.
 *   <li>Numeric dtypes in either byte order: float16, float32, float64, int8 to int64 and uint8 to
 *       uint64 ({@code <}, {@code >}; {@code =}, {@code |} or no mark mean native, as in numpy).
 *       Conversion to float32 rounds to the nearest float32, ties to even, exactly as numpy's
 *       {@code astype(np.float32)}: float16 is exact, float64 loses the digits float32 cannot hold
 *       and becomes an infinity beyond ±3.4e38, integers are exact up to 2^24 in magnitude. {@link
 *       #read} keeps integers as int32 and refuses values outside that range.
 *   <li>Refused, with one line naming the file and what was found: bool, complex, extended
 *       precision, object, string, void, structured, datetime and timedelta dtypes; anything
 *       malformed.
 * </ul>
 *
 * <p>The file comes from a user, so every declared size is checked against the file's real length
 * before anything that large is allocated: any input ends in a result or a {@link
 * ResultsException}.
 */
public final class Npy {

  /** The most elements (and file bytes) one array may have: Java arrays stop just below 2^31. */
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  /** numpy aligns the data to 64 bytes so that it can be memory-mapped with any element type. */
  private static final int DATA_ALIGNMENT = 64;

  private static final String FLOAT32 = "<f4";
  private static final String INT32 = "<i4";

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
   * Writes an int32 array to {@code target} atomically (see {@link AtomicFiles}).
   *
   * @throws ResultsException if the file cannot be written
   */
  public static void writeInt32(Path target, int[] shape, int[] data) {
    AtomicFiles.write(target, encodeInt32(shape, data));
  }

  /**
   * Reads a {@code .npy} file written by this class or by numpy: floating-point arrays as float32,
   * integer arrays as int32, in C order (see the class comment for what is converted how).
   *
   * @throws ResultsException if the file cannot be read, is not a {@code .npy} file, holds a dtype
   *     that is not a real number, an integer outside the int32 range, or its length does not match
   *     its header
   */
  public static NpyArray read(Path source) {
    return decode(readFile(source), source.toString());
  }

  /**
   * Reads any numeric {@code .npy} file as float32 in C order, e.g. weights exported from Python.
   *
   * @throws ResultsException if the file cannot be read, is not a {@code .npy} file, holds a dtype
   *     that is not a real number, or its length does not match its header
   */
  public static NpyArray.Float32 readFloat32(Path source) {
    return decodeFloat32(readFile(source), source.toString());
  }

  /**
   * Decodes the content of a {@code .npy} file like {@link #read}: floating-point dtypes become
   * {@link NpyArray.Float32}, integer dtypes {@link NpyArray.Int32}.
   *
   * @param bytes the whole file
   * @param sourceName how to name the file in error messages
   * @throws ResultsException if the bytes are not a supported {@code .npy} array
   */
  public static NpyArray decode(byte[] bytes, String sourceName) {
    NpyHeader header = parseHeader(bytes, sourceName);
    if (header.dtype().type().isFloatingPoint()) {
      return new NpyArray.Float32(header.shape(), floats(bytes, header, sourceName));
    }
    return new NpyArray.Int32(header.shape(), ints(bytes, header, sourceName));
  }

  /**
   * Decodes the content of a {@code .npy} file of any numeric dtype as float32, like {@link
   * #readFloat32}.
   *
   * @param bytes the whole file
   * @param sourceName how to name the file in error messages
   * @throws ResultsException if the bytes are not a supported {@code .npy} array
   */
  public static NpyArray.Float32 decodeFloat32(byte[] bytes, String sourceName) {
    NpyHeader header = parseHeader(bytes, sourceName);
    return new NpyArray.Float32(header.shape(), floats(bytes, header, sourceName));
  }

  private static NpyHeader parseHeader(byte[] bytes, String sourceName) {
    try {
      return NpyHeader.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw invalid(sourceName, e.getMessage());
    }
  }

  /** The elements converted to float32, in C order. */
  private static float[] floats(byte[] bytes, NpyHeader header, String sourceName) {
    float[] out = allocate(header, sourceName, Float.BYTES, float[]::new);
    ByteBuffer data = dataOf(bytes, header);
    NpyDtype.ElementType type = header.dtype().type();
    int size = type.size();
    FortranOrder walk =
        header.fortranOrder() && out.length > 0 ? new FortranOrder(header.shape()) : null;
    for (int i = 0; i < out.length; i++) {
      int element = walk == null ? i : walk.next();
      out[i] = type.toFloat(data, element * size);
    }
    return out;
  }

  /** The elements as int32, in C order; refuses values outside the int32 range. */
  private static int[] ints(byte[] bytes, NpyHeader header, String sourceName) {
    int[] out = allocate(header, sourceName, Integer.BYTES, int[]::new);
    ByteBuffer data = dataOf(bytes, header);
    NpyDtype.ElementType type = header.dtype().type();
    int size = type.size();
    FortranOrder walk =
        header.fortranOrder() && out.length > 0 ? new FortranOrder(header.shape()) : null;
    for (int i = 0; i < out.length; i++) {
      int element = walk == null ? i : walk.next();
      long value = type.toLong(data, element * size);
      if (value != (int) value || (type.isUnsigned() && value < 0)) {
        throw invalid(
            sourceName,
            "its "
                + type.numpyName()
                + " value "
                + (type.isUnsigned() ? Long.toUnsignedString(value) : Long.toString(value))
                + " at C-order position "
                + i
                + " does not fit in int32");
      }
      out[i] = (int) value;
    }
    return out;
  }

  private static ByteBuffer dataOf(byte[] bytes, NpyHeader header) {
    return ByteBuffer.wrap(bytes, header.dataOffset(), bytes.length - header.dataOffset())
        .slice()
        .order(header.dtype().order());
  }

  /**
   * A new array for the header's elements. The header has been checked against the file's length,
   * so the size is backed by real data; a file bigger than the free heap is still possible, and
   * that one allocation failing is reported as an actionable error rather than a crash.
   */
  private static <T> T allocate(
      NpyHeader header, String sourceName, int bytesPerElement, IntFunction<T> constructor) {
    try {
      return constructor.apply(header.elementCount());
    } catch (OutOfMemoryError e) {
      throw invalid(
          sourceName,
          "its "
              + header.elementCount()
              + " elements need "
              + ((long) header.elementCount() * bytesPerElement >> 20)
              + " MiB, more than the Java heap has free; raise the heap limit (-Xmx)");
    }
  }

  /** The whole file, after checking that it is a regular file small enough for one array. */
  private static byte[] readFile(Path source) {
    try {
      if (!Files.isRegularFile(source)) {
        throw new ResultsException(
            "Cannot read "
                + source
                + ": "
                + (Files.exists(source) ? "it is not a regular file" : "no such file or folder")
                + ".");
      }
      long size = Files.size(source);
      if (size > MAX_ELEMENTS) {
        throw invalid(
            source.toString(),
            "it is " + size + " bytes long; arrays over 2 GiB are not supported");
      }
      return Files.readAllBytes(source);
    } catch (IOException e) {
      throw new ResultsException("Cannot read " + source + ": " + AtomicFiles.describe(e) + ".", e);
    } catch (OutOfMemoryError e) {
      throw new ResultsException(
          "Cannot read "
              + source
              + ": the file does not fit in the free Java heap; raise the heap limit (-Xmx).");
    }
  }

  /** The header dict for {@code dtype} and {@code shape}, padded and ending in a newline. */
  static String header(String dtype, int[] shape) {
    String dict =
        "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + pythonTuple(shape) + ", }";
    int unpadded = NpyHeader.V1_PREFIX_LENGTH + dict.length() + 1;
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
        ByteBuffer.allocate(
                NpyHeader.V1_PREFIX_LENGTH + header.length + elementCount * Integer.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    return buffer
        .put(NpyHeader.MAGIC)
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length)
        .put(header);
  }

  private static ResultsException invalid(String sourceName, String reason) {
    // The reason may quote the file's own header; neither it nor the name may break the line.
    return new ResultsException(
        Printable.oneLine("Cannot read " + sourceName + " as a .npy array: " + reason + "."));
  }
}
