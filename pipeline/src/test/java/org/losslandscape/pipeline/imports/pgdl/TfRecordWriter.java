package org.losslandscape.pipeline.imports.pgdl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes records in the TFRecord framing (test scope: the tool only reads them): length, masked
 * CRC-32C of the length, data, masked CRC-32C of the data. The reader's tests check it against
 * files written by TensorFlow, then use it to make damaged files.
 */
final class TfRecordWriter {

  private TfRecordWriter() {}

  /** The TFRecord file holding {@code records}, in order. */
  static byte[] encode(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] data : records) {
      byte[] length =
          ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
      out.writeBytes(length);
      out.writeBytes(littleEndian(TfRecordChecksum.masked(length, 0, 8)));
      out.writeBytes(data);
      out.writeBytes(littleEndian(TfRecordChecksum.masked(data, 0, data.length)));
    }
    return out.toByteArray();
  }

  /** Where each record starts in {@link #encode}'s output, and the total length last. */
  static long[] recordOffsets(List<byte[]> records) {
    long[] offsets = new long[records.size() + 1];
    for (int i = 0; i < records.size(); i++) {
      offsets[i + 1] = offsets[i] + 16 + records.get(i).length;
    }
    return offsets;
  }

  private static byte[] littleEndian(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
