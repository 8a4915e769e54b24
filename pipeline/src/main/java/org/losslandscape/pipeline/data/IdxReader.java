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
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files in which MNIST and Fashion-MNIST are distributed, gzip-compressed or raw.
 *
 * <p>An IDX file is a big-endian header followed by unsigned bytes: images have the magic number
 * {@code 0x00000803} followed by count, rows and columns; labels have {@code 0x00000801} followed
 * by count. Compression is recognised by the gzip magic bytes {@code 1f 8b}, not by the file name,
 * because copies are often renamed or unpacked without renaming.
 *
 * <p>Every way a file can be wrong (bad magic, non-positive dimensions, too few or too many bytes,
 * a label outside 0..9, corrupt gzip) is reported as a {@link DataException} naming the file.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned-byte images (type 0x08, three dimensions). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte labels (type 0x08, one dimension). */
  public static final int LABELS_MAGIC = 0x00000801;

  /** The number of Fashion-MNIST classes; labels must lie in {@code 0..CLASS_COUNT-1}. */
  public static final int CLASS_COUNT = 10;

  private static final int GZIP_MAGIC_FIRST = 0x1f;
  private static final int GZIP_MAGIC_SECOND = 0x8b;

  /** Java arrays cannot be quite as long as Integer.MAX_VALUE on every VM. */
  private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /**
   * Reads an IDX image file.
   *
   * @throws DataException if the file is missing, unreadable or not a well-formed image file
   */
  public static IdxImages readImages(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = readHeaderInt(in, file);
      requireMagic(file, magic, IMAGES_MAGIC, "image");
      int count = readDimension(in, file, "image count");
      int rows = readDimension(in, file, "row count");
      int cols = readDimension(in, file, "column count");
      long expected = (long) count * rows * cols;
      String announced = count + " images of " + rows + "x" + cols + " pixels";
      byte[] pixels = readExactly(in, file, expected, announced);
      return new IdxImages(count, rows, cols, pixels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads an IDX label file and checks that every label is a class index in {@code 0..9}.
   *
   * @throws DataException if the file is missing, unreadable or not a well-formed label file
   */
  public static IdxLabels readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = readHeaderInt(in, file);
      requireMagic(file, magic, LABELS_MAGIC, "label");
      int count = readDimension(in, file, "label count");
      byte[] labels = readExactly(in, file, count, count + " labels");
      for (int i = 0; i < count; i++) {
        int label = Byte.toUnsignedInt(labels[i]);
        if (label >= CLASS_COUNT) {
          throw new DataException(
              file
                  + " is not a Fashion-MNIST label file: label "
                  + label
                  + " at index "
                  + i
                  + " is outside 0.."
                  + (CLASS_COUNT - 1)
                  + ".");
        }
      }
      return new IdxLabels(count, labels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Opens {@code file}, transparently decompressing it if it starts with the gzip magic. */
  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      raw.mark(2);
      boolean gzipped = raw.read() == GZIP_MAGIC_FIRST && raw.read() == GZIP_MAGIC_SECOND;
      raw.reset();
      return new DataInputStream(gzipped ? new GZIPInputStream(raw, 1 << 16) : raw);
    } catch (IOException e) {
      raw.close();
      throw e;
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
   */
  private static byte[] readExactly(DataInputStream in, Path file, long expected, String announced)
      throws IOException {
    if (expected > MAX_ARRAY_LENGTH) {
      throw new DataException(file + " announces " + announced + ", too many to load at once.");
    }
    byte[] payload = new byte[(int) expected];
    int found = in.readNBytes(payload, 0, payload.length);
    if (found < expected) {
      throw new DataException(
          file
              + " is truncated: its header announces "
              + announced
              + " ("
              + expected
              + " bytes after the header) but only "
              + found
              + " bytes follow.");
    }
    long trailing = in.transferTo(OutputStream.nullOutputStream());
    if (trailing > 0) {
      throw new DataException(
          file
              + " has "
              + trailing
              + " unexpected bytes after the "
              + expected
              + " its header announces ("
              + announced
              + ").");
    }
    return payload;
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
