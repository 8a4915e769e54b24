package org.losslandscape.pipeline.imports.pgdl;

import java.util.zip.CRC32C;

/**
 * The checksum of TFRecord files: CRC-32C (Castagnoli) of the bytes, then "masked" by rotating it
 * right by 15 bits and adding the constant {@code 0xa282ead8} (modulo 2^32). TensorFlow masks its
 * stored CRCs so that a CRC computed over data that itself contains CRCs stays well distributed.
 */
final class TfRecordChecksum {

  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecordChecksum() {}

  /** The masked CRC-32C of {@code length} bytes of {@code data} from {@code offset}. */
  static int masked(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }
}
