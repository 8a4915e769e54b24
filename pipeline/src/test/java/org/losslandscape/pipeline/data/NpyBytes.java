package org.losslandscape.pipeline.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes {@code .npy} files of the dtypes numpy users save images and labels in (uint8, int64,
 * float64), which the project's own writer does not produce: format 1.0, C order, little-endian,
 * the header laid out as numpy lays it out.
 */
final class NpyBytes {

  private NpyBytes() {}

  /** A uint8 array ({@code |u1}); each value must lie in 0..255. */
  static Path uint8(Path file, int[] shape, int[] values) {
    ByteBuffer data = ByteBuffer.allocate(values.length);
    for (int value : values) {
      data.put((byte) value);
    }
    return write(file, "|u1", shape, data.array());
  }

  /** An int64 array ({@code <i8}). */
  static Path int64(Path file, int[] shape, long[] values) {
    ByteBuffer data =
        ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : values) {
      data.putLong(value);
    }
    return write(file, "<i8", shape, data.array());
  }

  /** A float64 array ({@code <f8}). */
  static Path float64(Path file, int[] shape, double[] values) {
    ByteBuffer data =
        ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (double value : values) {
      data.putDouble(value);
    }
    return write(file, "<f8", shape, data.array());
  }

  private static Path write(Path file, String descr, int[] shape, byte[] data) {
    String tuple =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : Arrays.stream(shape)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer file64 =
        ByteBuffer.allocate(10 + headerBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    file64.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    file64.putShort((short) headerBytes.length).put(headerBytes).put(data);
    try {
      Files.write(file, file64.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
