package org.losslandscape.pipeline.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numeric numpy dtype that the reader can turn into float32 or int32: its element type and byte
 * order, parsed from a header's {@code descr} string such as {@code '<f4'} or {@code '>i8'}.
 *
 * <p>The first character is the byte order: {@code <} little-endian, {@code >} big-endian, and
 * {@code =}, {@code |} or nothing the machine's native order, exactly as numpy reads them ({@code
 * np.save} itself always writes {@code <} or {@code >} for multi-byte types, and {@code |} for
 * single bytes, where order is meaningless).
 *
 * <p>Dtypes that cannot hold weights are refused by {@link #parse} with a message naming what was
 * found: bool, complex, extended precision, Python objects, byte and text strings, raw void data,
 * dates and time spans.
 *
 * @param descr the descr string as written in the file
 * @param type the element type
 * @param order the byte order of multi-byte elements
 */
record NpyDtype(String descr, ElementType type, ByteOrder order) {

  /** Order mark, one type letter and an optional size (plus anything after, like {@code [s]}). */
  private static final Pattern TYPE_STRING = Pattern.compile("([<>|=]?)([A-Za-z?])(\\d*)(.*)");

  /** The element types the reader converts; one per numpy kind and size it accepts. */
  enum ElementType {
    FLOAT16("float16", 2),
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    INT8("int8", 1),
    INT16("int16", 2),
    INT32("int32", 4),
    INT64("int64", 8),
    UINT8("uint8", 1),
    UINT16("uint16", 2),
    UINT32("uint32", 4),
    UINT64("uint64", 8);

    private final String numpyName;
    private final int size;

    ElementType(String numpyName, int size) {
      this.numpyName = numpyName;
      this.size = size;
    }

    /** numpy's name of the type, e.g. {@code float64}. */
    String numpyName() {
      return numpyName;
    }

    /** Bytes per element. */
    int size() {
      return size;
    }

    /** Whether this is one of the floating-point types. */
    boolean isFloatingPoint() {
      return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
    }

    /**
     * The element at byte {@code offset} of {@code data} (whose order is already set) rounded to
     * the nearest float32, ties to even, as numpy's {@code astype(np.float32)} does: float16 is
     * exact, float64 and integers wider than 24 bits round, float64 beyond float32's range becomes
     * an infinity.
     */
    float toFloat(ByteBuffer data, int offset) {
      return switch (this) {
        case FLOAT16 -> NumericConversions.halfToFloat(data.getShort(offset));
        case FLOAT32 -> data.getFloat(offset);
        case FLOAT64 -> (float) data.getDouble(offset);
        case INT8 -> data.get(offset);
        case INT16 -> data.getShort(offset);
        case INT32 -> data.getInt(offset); // int -> float rounds to nearest (JLS 5.1.2)
        case INT64 -> data.getLong(offset); // long -> float rounds to nearest, in one step
        case UINT8 -> Byte.toUnsignedInt(data.get(offset));
        case UINT16 -> Short.toUnsignedInt(data.getShort(offset));
        case UINT32 -> Integer.toUnsignedLong(data.getInt(offset));
        case UINT64 -> NumericConversions.unsignedLongToFloat(data.getLong(offset));
      };
    }

    /**
     * The integer element at byte {@code offset}, for integer types only; a uint64 above {@code
     * Long.MAX_VALUE} comes back negative, so callers check {@link #isUnsigned()}.
     */
    long toLong(ByteBuffer data, int offset) {
      return switch (this) {
        case INT8 -> data.get(offset);
        case INT16 -> data.getShort(offset);
        case INT32 -> data.getInt(offset);
        case INT64, UINT64 -> data.getLong(offset);
        case UINT8 -> Byte.toUnsignedInt(data.get(offset));
        case UINT16 -> Short.toUnsignedInt(data.getShort(offset));
        case UINT32 -> Integer.toUnsignedLong(data.getInt(offset));
        case FLOAT16, FLOAT32, FLOAT64 ->
            throw new IllegalStateException(this + " is not an integer type");
      };
    }

    /** Whether the type is an unsigned integer. */
    boolean isUnsigned() {
      return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }
  }

  /**
   * Parses a {@code descr} string.
   *
   * @throws IllegalArgumentException with a one-line reason if it is not a numeric type this reader
   *     converts
   */
  static NpyDtype parse(String descr) {
    Matcher matcher = TYPE_STRING.matcher(descr);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "its dtype '" + shorten(descr) + "' is not a numpy type string such as '<f4'");
    }
    String orderMark = matcher.group(1);
    char kind = matcher.group(2).charAt(0);
    String sizeDigits = matcher.group(3);
    String rest = matcher.group(4);
    String refusal = refusalFor(kind, sizeDigits);
    if (refusal != null) {
      throw new IllegalArgumentException(
          "its dtype '" + shorten(descr) + "' is " + refusal + ", not a real number");
    }
    ElementType type = rest.isEmpty() ? elementType(kind, sizeDigits) : null;
    if (type == null) {
      if (kind == 'f' && (sizeDigits.equals("12") || sizeDigits.equals("16"))) {
        throw new IllegalArgumentException(
            "its dtype '"
                + descr
                + "' is extended precision (longdouble), which has no Java counterpart;"
                + " save it as float64 or float32");
      }
      throw new IllegalArgumentException(
          "its dtype '"
              + shorten(descr)
              + "' is not one of the numeric types float16/32/64, int8/16/32/64 or"
              + " uint8/16/32/64");
    }
    return new NpyDtype(descr, type, byteOrder(orderMark));
  }

  /** How the dtype is described in messages, e.g. {@code '>f8' (float64, big-endian)}. */
  String describe() {
    String endianness =
        type.size() == 1 ? "" : order == ByteOrder.BIG_ENDIAN ? ", big-endian" : ", little-endian";
    return "'" + descr + "' (" + type.numpyName() + endianness + ")";
  }

  private static ElementType elementType(char kind, String sizeDigits) {
    return switch (kind + sizeDigits) {
      case "f2" -> ElementType.FLOAT16;
      case "f4" -> ElementType.FLOAT32;
      case "f8" -> ElementType.FLOAT64;
      case "i1" -> ElementType.INT8;
      case "i2" -> ElementType.INT16;
      case "i4" -> ElementType.INT32;
      case "i8" -> ElementType.INT64;
      case "u1" -> ElementType.UINT8;
      case "u2" -> ElementType.UINT16;
      case "u4" -> ElementType.UINT32;
      case "u8" -> ElementType.UINT64;
      default -> null;
    };
  }

  /** Why a numpy kind letter can never be a weight, or null if it may be a number. */
  private static String refusalFor(char kind, String sizeDigits) {
    if (kind == '?' || (kind == 'b' && sizeDigits.equals("1"))) {
      return "bool (a mask)";
    }
    return switch (kind) {
      case 'c' -> "complex";
      case 'O' -> "a Python object array (pickled)";
      case 'S', 'a' -> "a byte string";
      case 'U' -> "a text string";
      case 'V' -> "raw void bytes (structured or opaque data)";
      case 'M' -> "a datetime";
      case 'm' -> "a timedelta";
      default -> null;
    };
  }

  private static ByteOrder byteOrder(String mark) {
    return switch (mark) {
      case "<" -> ByteOrder.LITTLE_ENDIAN;
      case ">" -> ByteOrder.BIG_ENDIAN;
      // '=', '|' and no mark: the native order, which is what numpy assumes for them.
      default -> ByteOrder.nativeOrder();
    };
  }

  /** Descr strings come from the file: cut long ones so that the message stays readable. */
  static String shorten(String text) {
    return Printable.quote(text, 40);
  }
}
