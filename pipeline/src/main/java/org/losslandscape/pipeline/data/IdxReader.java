package org.losslandscape.pipeline.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files in which MNIST, Fashion-MNIST, Kuzushiji-MNIST and EMNIST are distributed,
 * gzip-compressed or raw.
 *
 * <p>An IDX file is a big-endian header followed by unsigned bytes: images have the magic number
 * {@code 0x00000803} followed by count, rows and columns (one channel), or {@code 0x00000804}
 * followed by count, rows, columns and channels (channels-last); labels have {@code 0x00000801}
 * followed by count. Compression is recognised by the gzip magic bytes {@code 1f 8b}, not by the
 * file name, because copies are often renamed or unpacked without renaming.
 *
 * <p>Every way a file can be wrong (bad magic, non-positive dimensions, too few or too many bytes,
 * corrupt gzip, not a regular file) is reported as a {@link DataException} naming the file. The
 * header's sizes are checked against what the file can hold before anything is allocated, so no
 * input makes the reader run out of memory or time.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned-byte images (type 0x08, three dimensions). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte images with channels (type 0x08, four). */
  public static final int CHANNEL_IMAGES_MAGIC = 0x00000804;

  /** Magic number of an IDX file of unsigned-byte labels (type 0x08, one dimension). */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int GZIP_MAGIC_FIRST = 0x1f;
  private static final int GZIP_MAGIC_SECOND = 0x8b;

  /** Java arrays cannot be quite as long as Integer.MAX_VALUE on every VM. */
  private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** Deflate's best compression: a 258-byte match in a 1-bit length and a 1-bit distance code. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  /** Magic, count, rows, columns. */
  private static final int IMAGES_HEADER_BYTES = 16;

  /** Magic, count, rows, columns, channels. */
  private static final int CHANNEL_IMAGES_HEADER_BYTES = 20;

  /** Magic, count. */
  private static final int LABELS_HEADER_BYTES = 8;

  /** The payload buffer starts this big and doubles up to the announced size as data arrives. */
  private static final int INITIAL_BUFFER_BYTES = 1 << 20;

  private IdxReader() {}

  /**
   * Reads an IDX image file.
   *
   * @throws DataException if the file is missing, unreadable or not a well-formed image file
   */
  public static IdxImages readImages(Path file) {
    Source source = open(file);
    try (DataInputStream in = source.stream()) {
      int magic = readHeaderInt(in, file);
      if (magic != IMAGES_MAGIC && magic != CHANNEL_IMAGES_MAGIC) {
        throw new DataException(
            String.format(
                "%s is not an IDX image file: magic number is 0x%08x, expected 0x%08x"
                    + " ([n, h, w]) or 0x%08x ([n, h, w, c]).",
                file, magic, IMAGES_MAGIC, CHANNEL_IMAGES_MAGIC));
      }
      boolean withChannels = magic == CHANNEL_IMAGES_MAGIC;
      int count = readDimension(in, file, "image count");
      int rows = readDimension(in, file, "row count");
      int cols = readDimension(in, file, "column count");
      int channels = withChannels ? readDimension(in, file, "channel count") : 1;
      String announced =
          count
              + " images of "
              + rows
              + "x"
              + cols
              + (withChannels ? "x" + channels : "")
              + " pixels";
      // Each factor is below 2^31, so the product of two fits in a long; stop before it overflows.
      long perRow = (long) cols * channels;
      long perImage = perRow > MAX_ARRAY_LENGTH ? Long.MAX_VALUE : rows * perRow;
      long expected = perImage > MAX_ARRAY_LENGTH ? Long.MAX_VALUE : count * perImage;
      int headerBytes = withChannels ? CHANNEL_IMAGES_HEADER_BYTES : IMAGES_HEADER_BYTES;
      byte[] pixels = readPayload(in, source, headerBytes, expected, announced);
      return new IdxImages(count, rows, cols, channels, pixels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads an IDX label file: one unsigned byte, a class index, per image.
   *
   * @throws DataException if the file is missing, unreadable or not a well-formed label file
   */
  public static IdxLabels readLabels(Path file) {
    Source source = open(file);
    try (DataInputStream in = source.stream()) {
      int magic = readHeaderInt(in, file);
      requireMagic(file, magic, LABELS_MAGIC, "label");
      int count = readDimension(in, file, "label count");
      byte[] labels = readPayload(in, source, LABELS_HEADER_BYTES, count, count + " labels");
      return new IdxLabels(count, labels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * An open IDX file and what is known about its size before reading it.
   *
   * @param file the path, for messages
   * @param stream the decompressed content
   * @param fileSize the size on disk
   * @param gzipped whether the content is gzip-compressed
   */
  private record Source(Path file, DataInputStream stream, long fileSize, boolean gzipped) {

    /**
     * The most content bytes the file can hold: its size if raw; if gzipped, its size times
     * deflate's best possible ratio (a 258-byte match coded in 2 bits: 1032 to 1).
     */
    long maxContentBytes() {
      return gzipped ? fileSize * MAX_DEFLATE_RATIO : fileSize;
    }
  }

  /**
   * Opens {@code file}, transparently decompressing it if it starts with the gzip magic. Only
   * regular files are read: a named pipe or a device would block or never end.
   */
  private static Source open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(
          Files.exists(file) ? file + " is not a regular file." : file + " does not exist.");
    }
    InputStream raw = null;
    try {
      long size = Files.size(file);
      raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      raw.mark(2);
      boolean gzipped = raw.read() == GZIP_MAGIC_FIRST && raw.read() == GZIP_MAGIC_SECOND;
      raw.reset();
      InputStream content = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new Source(file, new DataInputStream(content), size, gzipped);
    } catch (IOException e) {
      closeQuietly(raw);
      throw unreadable(file, e);
    }
  }

  private static void closeQuietly(InputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // Already failing with a more useful message.
    }
  }

  private static int readHeaderInt(DataInputStream in, Path file) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataException(file + " is truncated: it ends inside its IDX header.", e);
    }
  }

  private static void requireMagic(Path file, int actual, int expected, String kind) {
    if (actual != expected) {
      throw new DataException(
          String.format(
              "%s is not an IDX %s file: magic number is 0x%08x, expected 0x%08x.",
              file, kind, actual, expected));
    }
  }

  private static int readDimension(DataInputStream in, Path file, String what) throws IOException {
    int value = readHeaderInt(in, file);
    if (value <= 0) {
      throw new DataException(file + " has an invalid IDX header: " + what + " is " + value + ".");
    }
    return value;
  }

  /**
   * Reads the {@code expected} payload bytes and checks that nothing follows them: a short file is
   * an interrupted download or copy, a long one is not the file its header describes.
   *
   * <p>The header is the file's own claim, so it is checked against what the file can hold before
   * anything is allocated, and the buffer then grows with the bytes actually read: a few bytes
   * announcing two billion pixels cost neither memory nor time.
   */
  private static byte[] readPayload(
      DataInputStream in, Source source, int headerBytes, long expected, String announced)
      throws IOException {
    Path file = source.file();
    if (expected > MAX_ARRAY_LENGTH) {
      throw new DataException(file + " announces " + announced + ", too many to load at once.");
    }
    long room = source.maxContentBytes() - headerBytes;
    if (!source.gzipped() && room != expected) {
      throw room < expected
          ? truncated(file, announced, expected, room)
          : trailing(file, room - expected, expected, announced);
    }
    if (source.gzipped() && expected > room) {
      throw new DataException(
          file
              + " is truncated: its header announces "
              + announced
              + " ("
              + expected
              + " bytes after the header) but a gzip file of "
              + source.fileSize()
              + " bytes cannot unpack to that many.");
    }
    byte[] payload = new byte[(int) Math.min(expected, INITIAL_BUFFER_BYTES)];
    int found = 0;
    while (found < expected) {
      if (found == payload.length) {
        payload = Arrays.copyOf(payload, (int) Math.min(expected, 2L * payload.length));
      }
      int read = in.read(payload, found, payload.length - found);
      if (read < 0) {
        throw truncated(file, announced, expected, found);
      }
      found += read;
    }
    long trailing = in.transferTo(OutputStream.nullOutputStream());
    if (trailing > 0) {
      throw trailing(file, trailing, expected, announced);
    }
    return payload;
  }

  private static DataException truncated(Path file, String announced, long expected, long found) {
    return new DataException(
        file
            + " is truncated: its header announces "
            + announced
            + " ("
            + expected
            + " bytes after the header) but only "
            + Math.max(found, 0)
            + " bytes follow.");
  }

  private static DataException trailing(Path file, long trailing, long expected, String announced) {
    return new DataException(
        file
            + " has "
            + trailing
            + " unexpected bytes after the "
            + expected
            + " its header announces ("
            + announced
            + ").");
  }

  private static DataException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new DataException(file + " does not exist.", e);
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new DataException(
        "Cannot read "
            + file
            + " ("
            + detail.replaceAll("\\R", " ")
            + "): the file is damaged or not gzip/IDX; reinstall or re-download it.",
        e);
  }
}
