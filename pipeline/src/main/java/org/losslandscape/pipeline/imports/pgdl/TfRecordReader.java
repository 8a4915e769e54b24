package org.losslandscape.pipeline.imports.pgdl;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.Printable;

/**
 * Reads the records of a TFRecord file one after another, checking every checksum.
 *
 * <p>A TFRecord file is a plain sequence of records, each framed as: the data length as an unsigned
 * 64-bit little-endian integer; the masked CRC-32C of those 8 length bytes (unsigned 32-bit little
 * endian); the data; the masked CRC-32C of the data (see {@link TfRecordChecksum}). There is no
 * file header and no compression here (PGDL's shards are uncompressed; a GZIP or ZLIB compressed
 * file fails its first length checksum).
 *
 * <p>Every problem (a missing file, a checksum that does not match, a length beyond the end of the
 * file, a file that stops inside a record) is a one-line {@link DataException} naming the file and
 * the 0-based index of the record. A declared length is checked against the bytes left in the file
 * before anything is allocated, so a damaged length cannot exhaust the heap.
 */
public final class TfRecordReader implements Closeable {

  private static final int HEADER_BYTES = 12;
  private static final int FOOTER_BYTES = 4;

  /** Java arrays end here; no PGDL record (one image and a label) comes near it. */
  private static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 16;

  private final Path file;
  private final InputStream in;
  private final long size;
  private long offset;
  private int index;

  private TfRecordReader(Path file, InputStream in, long size) {
    this.file = file;
    this.in = in;
    this.size = size;
  }

  /**
   * Opens {@code file} for reading.
   *
   * @throws DataException if the file is missing or cannot be opened
   */
  public static TfRecordReader open(Path file) {
    try {
      long size = Files.size(file);
      return new TfRecordReader(file, new BufferedInputStream(Files.newInputStream(file)), size);
    } catch (NoSuchFileException e) {
      throw new DataException("missing TFRecord file " + file);
    } catch (IOException e) {
      throw new DataException(
          Printable.oneLine("cannot open TFRecord file " + file + ": " + e.getMessage()), e);
    }
  }

  /** Every record of {@code file}, in order. */
  public static List<byte[]> readAll(Path file) {
    try (TfRecordReader reader = open(file)) {
      List<byte[]> records = new ArrayList<>();
      for (byte[] r = reader.next(); r != null; r = reader.next()) {
        records.add(r);
      }
      return records;
    }
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** How many records {@link #next} has returned so far, i.e. the index of the next one. */
  public int recordsRead() {
    return index;
  }

  /**
   * The next record's data, or {@code null} at the end of the file.
   *
   * @throws DataException if the record is damaged or cut short
   */
  public byte[] next() {
    try {
      byte[] header = in.readNBytes(HEADER_BYTES);
      if (header.length == 0) {
        return null;
      }
      if (header.length < HEADER_BYTES) {
        throw damaged(
            "the file ends inside the record's 12-byte header (" + header.length + " bytes left)");
      }
      ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      long length = fields.getLong(0);
      if (fields.getInt(8) != TfRecordChecksum.masked(header, 0, 8)) {
        throw damaged("the checksum of the record's length does not match");
      }
      long left = size - offset - HEADER_BYTES - FOOTER_BYTES;
      if (Long.compareUnsigned(length, Math.max(left, 0)) > 0) {
        throw damaged(
            "the record declares "
                + Long.toUnsignedString(length)
                + " bytes of data but the file has "
                + Math.max(left, 0)
                + " left");
      }
      if (length > MAX_RECORD_BYTES) {
        throw damaged("the record declares " + length + " bytes, more than a Java array holds");
      }
      byte[] data = in.readNBytes((int) length);
      byte[] footer = in.readNBytes(FOOTER_BYTES);
      if (data.length < length || footer.length < FOOTER_BYTES) {
        throw damaged("the file ends inside the record (it changed while being read?)");
      }
      int stored = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (stored != TfRecordChecksum.masked(data, 0, data.length)) {
        throw damaged("the checksum of the record's data does not match");
      }
      offset += HEADER_BYTES + length + FOOTER_BYTES;
      index++;
      return data;
    } catch (IOException e) {
      throw new DataException(
          Printable.oneLine(
              "cannot read record " + index + " of TFRecord file " + file + ": " + e.getMessage()),
          e);
    }
  }

  private DataException damaged(String problem) {
    return new DataException(
        Printable.oneLine(
            "TFRecord file "
                + file
                + ", record "
                + index
                + " (0-based, at byte "
                + offset
                + "): "
                + problem
                + "; the file is damaged, cut short or not an uncompressed TFRecord file"));
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new DataException(
          Printable.oneLine("cannot close TFRecord file " + file + ": " + e.getMessage()), e);
    }
  }
}
