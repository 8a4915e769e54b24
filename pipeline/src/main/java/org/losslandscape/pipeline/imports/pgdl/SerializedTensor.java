package org.losslandscape.pipeline.imports.pgdl;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A tensor as {@code tf.io.serialize_tensor} writes it: a serialized {@link TensorProto} holding
 * its type, its shape and its values, either packed little-endian in {@code tensor_content} (what
 * {@code serialize_tensor} writes for numbers) or one by one in the typed value field.
 *
 * <p>Only the exact count of values is accepted: TensorFlow's shorthand that repeats the last value
 * to fill the shape is refused, since {@code serialize_tensor} never writes it and it would let a
 * few bytes declare gigabytes.
 *
 * @param shape the dimensions, outermost first (empty for a scalar)
 * @param floats the values of a {@code DT_FLOAT} tensor in row-major order, else {@code null}
 * @param ints the values of a {@code DT_INT32} tensor in row-major order, else {@code null}
 */
record SerializedTensor(long[] shape, float[] floats, int[] ints) {

  /** The problem with a tensor's bytes, said in a few words for the caller's one-line message. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** Decodes a serialized {@code DT_FLOAT} or {@code DT_INT32} tensor. */
  static SerializedTensor parse(ByteString bytes) throws Malformed {
    TensorProto proto;
    try {
      proto = TensorProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new Malformed("not a serialized tensor (" + e.getMessage() + ")");
    }
    TensorShapeProto shapeProto = proto.getTensorShape();
    if (shapeProto.getUnknownRank()) {
      throw new Malformed("its shape has an unknown rank");
    }
    long[] shape = new long[shapeProto.getDimCount()];
    long count = 1;
    for (int d = 0; d < shape.length; d++) {
      shape[d] = shapeProto.getDim(d).getSize();
      if (shape[d] < 0) {
        throw new Malformed("its shape has an unknown or negative dimension " + shape[d]);
      }
      count = multiplyCapped(count, shape[d]);
    }
    ByteString content = proto.getTensorContent();
    DataType type = proto.getDtype();
    if (type == DataType.DT_FLOAT) {
      return new SerializedTensor(shape, floats(proto, content, count), null);
    }
    if (type == DataType.DT_INT32) {
      return new SerializedTensor(shape, null, ints(proto, content, count));
    }
    throw new Malformed("its type is " + type + ", not DT_FLOAT or DT_INT32");
  }

  private static float[] floats(TensorProto proto, ByteString content, long count)
      throws Malformed {
    if (!content.isEmpty()) {
      requireCount(content.size() / 4L, count, content.size() % 4 != 0);
      float[] values = new float[(int) count];
      content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      return values;
    }
    requireCount(proto.getFloatValCount(), count, false);
    float[] values = new float[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = proto.getFloatVal(i);
    }
    return values;
  }

  private static int[] ints(TensorProto proto, ByteString content, long count) throws Malformed {
    if (!content.isEmpty()) {
      requireCount(content.size() / 4L, count, content.size() % 4 != 0);
      int[] values = new int[(int) count];
      ByteBuffer buffer = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      buffer.asIntBuffer().get(values);
      return values;
    }
    requireCount(proto.getIntValCount(), count, false);
    int[] values = new int[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = proto.getIntVal(i);
    }
    return values;
  }

  private static void requireCount(long found, long expected, boolean ragged) throws Malformed {
    if (ragged || found != expected) {
      throw new Malformed(
          "its shape holds "
              + expected
              + " values but it stores "
              + (ragged ? "a ragged " : "")
              + found);
    }
  }

  /** {@code a * b}, or {@code Long.MAX_VALUE} once past it (the count check then fails). */
  private static long multiplyCapped(long a, long b) {
    long product = a * b;
    return (b != 0 && (product / b != a || product < 0)) ? Long.MAX_VALUE : product;
  }

  /** Number of values. */
  int count() {
    return floats != null ? floats.length : ints.length;
  }
}
