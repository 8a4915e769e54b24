package org.losslandscape.pipeline.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.losslandscape.pipeline.io.AtomicFiles;

/**
 * Writes IDX image and label files, the inverse of {@link IdxReader}. Used to cut the committed
 * test subset out of the full data set and to build test files and data sets of other shapes.
 */
public final class IdxWriter {

  /** Whether a written file is gzip-compressed, as the official distribution is, or raw. */
  public enum Compression {
    /** gzip, as distributed by the data set authors and the Debian package. */
    GZIP,
    /** Plain IDX bytes. */
    NONE
  }

  private IdxWriter() {}

  /**
   * The raw IDX bytes (header and pixels) of {@code images}: rank 3 ({@code [n, h, w]}) for
   * single-channel images, as MNIST is distributed, rank 4 ({@code [n, h, w, c]}) otherwise.
   */
  public static byte[] encodeImages(IdxImages images) {
    boolean withChannels = images.channels() != 1;
    ByteBuffer buffer =
        ByteBuffer.allocate((withChannels ? 20 : 16) + images.pixels().length)
            .putInt(withChannels ? IdxReader.CHANNEL_IMAGES_MAGIC : IdxReader.IMAGES_MAGIC)
            .putInt(images.count())
            .putInt(images.rows())
            .putInt(images.cols());
    if (withChannels) {
      buffer.putInt(images.channels());
    }
    return buffer.put(images.pixels()).array();
  }

  /** The raw IDX bytes (header and labels) of {@code labels}. */
  public static byte[] encodeLabels(IdxLabels labels) {
    return ByteBuffer.allocate(8 + labels.labels().length)
        .putInt(IdxReader.LABELS_MAGIC)
        .putInt(labels.count())
        .put(labels.labels())
        .array();
  }

  /**
   * Writes {@code images} to {@code target} atomically.
   *
   * @throws org.losslandscape.pipeline.io.ResultsException if the file cannot be written
   */
  public static void writeImages(Path target, IdxImages images, Compression compression) {
    AtomicFiles.write(target, compress(encodeImages(images), compression));
  }

  /**
   * Writes {@code labels} to {@code target} atomically.
   *
   * @throws org.losslandscape.pipeline.io.ResultsException if the file cannot be written
   */
  public static void writeLabels(Path target, IdxLabels labels, Compression compression) {
    AtomicFiles.write(target, compress(encodeLabels(labels), compression));
  }

  /** {@code bytes} gzip-compressed, or unchanged for {@link Compression#NONE}. */
  public static byte[] compress(byte[] bytes, Compression compression) {
    if (compression == Compression.NONE) {
      return bytes;
    }
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return compressed.toByteArray();
  }
}
