package org.losslandscape.pipeline.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers only ever see the old content or the complete new content.
 *
 * <p>A run can be interrupted at any point (Ctrl-C, out of memory, a full disk); a half-written
 * result file would later be read as if it were valid. So every file is first written to a hidden
 * temporary sibling ({@code .name.tmp-NNNN}), forced to disk, and then renamed over the target. The
 * temporary file lives in the same directory because a rename is only atomic within one file
 * system.
 *
 * <p>A full disk is reported as a {@link DiskFullException}; a run stopped by a signal removes the
 * temporary files of the writes in progress (see {@link PendingWrites}).
 */
public final class AtomicFiles {

  private static final int MAX_NAME_ATTEMPTS = 10;

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}, creating parent directories as needed.
   *
   * @throws ResultsException if the folder cannot be created or written
   */
  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  /**
   * Lets {@code writer} fill an output stream that ends up as {@code target}, creating parent
   * directories as needed. If the writer throws, the target is left untouched and the temporary
   * file is removed; an unchecked exception from the writer is rethrown as is.
   *
   * @throws ResultsException if the folder cannot be created or written, or the writer fails with
   *     an I/O error
   */
  public static void write(Path target, IOConsumer<OutputStream> writer) {
    Path absoluteTarget = target.toAbsolutePath();
    try {
      PendingWrites.process()
          .run(
              () -> {
                writeGuarded(absoluteTarget, writer);
                return null;
              });
    } catch (IOException e) {
      throw new IllegalStateException("writeGuarded reports its I/O errors itself", e);
    }
  }

  private static void writeGuarded(Path absoluteTarget, IOConsumer<OutputStream> writer) {
    Path folder = absoluteTarget.getParent();
    Path temp = createTempSiblingOrFail(absoluteTarget, folder);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        writer.accept(out);
        out.flush();
        WriteFailures.check(absoluteTarget);
        // Without forcing, a crash right after the rename could leave a renamed but empty file.
        channel.force(true);
      }
      moveIntoPlace(temp, absoluteTarget);
    } catch (IOException e) {
      discard(temp);
      throw failure("Cannot write " + absoluteTarget, e);
    } catch (RuntimeException | Error e) {
      discard(temp);
      throw e;
    }
  }

  /**
   * The {@link ResultsException} for an I/O error while writing: {@code what} (e.g. "Cannot write
   * FILE"), what went wrong and what to do; a {@link DiskFullException} when the disk is full.
   */
  public static ResultsException failure(String what, IOException e) {
    if (isDiskFull(e)) {
      return new DiskFullException(
          what
              + ": "
              + describe(e)
              + "; free some space and run the same command again (what the run finished is"
              + " reused from the cache).",
          e);
    }
    return new ResultsException(
        what + ": " + describe(e) + "; check that the folder is writable and the disk is not full.",
        e);
  }

  /**
   * True when {@code e} or one of its causes says the disk or the user's quota is full ({@code
   * ENOSPC}, {@code EDQUOT}).
   */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DiskFullException) {
        return true;
      }
      String message = t.getMessage();
      if (t instanceof IOException
          && message != null
          && (message.contains(WriteFailures.NO_SPACE)
              || message.contains("Disk quota exceeded"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Renames {@code source} to {@code target}, atomically where the file system supports it and
   * otherwise by replacing the target. Both must be on the same file system for the rename to be
   * atomic. Used by {@link #write} and by downloads that verify a file before publishing it.
   *
   * @throws IOException if the rename fails
   */
  public static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    PendingWrites.process().unregister(source);
    syncDirectoryQuietly(target.toAbsolutePath().getParent());
  }

  /**
   * Creates an empty hidden file {@code .NAME.tmp-NNNN} next to {@code target} (creating the folder
   * if needed) for content that will later be renamed over {@code target}.
   *
   * <p>Unlike {@link Files#createTempFile}, which makes owner-only files, this uses the default
   * permissions (subject to the umask), because the file becomes the published result and must be
   * as readable as any other file the user creates.
   *
   * <p>The file is registered with {@link PendingWrites} until {@link #moveIntoPlace} or {@link
   * #discard} is called with it, so that a run stopped by a signal removes it.
   *
   * @throws IOException if the folder or the file cannot be created
   */
  public static Path createTempSibling(Path target) throws IOException {
    Path absoluteTarget = target.toAbsolutePath();
    Path folder = absoluteTarget.getParent();
    Files.createDirectories(folder);
    String prefix = "." + absoluteTarget.getFileName() + ".tmp-";
    for (int attempt = 1; ; attempt++) {
      Path candidate =
          folder.resolve(prefix + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
      try {
        Path created = Files.createFile(candidate);
        PendingWrites.process().register(created);
        return created;
      } catch (FileAlreadyExistsException e) {
        // Another writer picked the same random name; astronomically rare, so retry a few times.
        if (attempt == MAX_NAME_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static Path createTempSiblingOrFail(Path target, Path folder) {
    try {
      return createTempSibling(target);
    } catch (IOException e) {
      throw new ResultsException(
          "Cannot write into folder "
              + folder
              + ": "
              + describe(e)
              + "; choose a writable output folder.",
          e);
    }
  }

  /** Makes the rename itself durable; best effort because not every platform can sync a folder. */
  private static void syncDirectoryQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // The data itself is already on disk; only the rename's durability is weaker here.
    }
  }

  /**
   * Deletes a temporary made by {@link #createTempSibling} that will not be renamed into place (its
   * write failed), quietly: a leftover is a hidden .tmp file that never shadows a result.
   */
  public static void discard(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
      PendingWrites.process().unregister(temp);
    } catch (IOException e) {
      // Nothing more can be done; the leftover is a hidden .tmp file that never shadows a result.
    }
  }

  /** Turns the JDK's terse exceptions (often just a path) into a phrase a user can act on. */
  static String describe(IOException e) {
    // Messages must stay on one line: the CLI prints them as the whole error report.
    String detail =
        e.getMessage() == null ? "" : " (" + e.getMessage().replaceAll("\\R", " ") + ")";
    if (e instanceof AccessDeniedException) {
      return "permission denied" + detail;
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a path component is a file, not a folder" + detail;
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder" + detail;
    }
    if (isDiskFull(e)) {
      return "the disk is full" + detail;
    }
    return e.getClass().getSimpleName() + detail;
  }
}
