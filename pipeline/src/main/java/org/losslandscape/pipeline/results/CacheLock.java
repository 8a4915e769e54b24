package org.losslandscape.pipeline.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.pipeline.io.PendingWrites;

/**
 * The lock of one cache folder, shared by every process and thread that uses the folder: two
 * studies started at once on one {@code --cache-dir} never write an entry at the same time, and a
 * reader never sees an entry that is being replaced.
 *
 * <p>Between processes it is an operating-system lock ({@link FileChannel#lock}) on the file {@code
 * .lock} in the folder: shared while an entry is read, exclusive while one is written (a few
 * milliseconds each; training and slicing happen outside it). Within a process, where such locks
 * cannot be taken twice, a {@link ReentrantLock} per folder lets one thread in at a time. The lock
 * file stays: deleting it while another process waits on it would let two writers in. A folder
 * where the lock cannot be taken (a read-only cache, a file system without locks) is used without
 * it, with a warning for writes.
 */
final class CacheLock {

  /** The lock file's name in the cache folder. */
  static final String FILE = ".lock";

  private static final Logger LOG = LogManager.getLogger(CacheLock.class);
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private final Path folder;
  private final Path file;
  private final ReentrantLock local;

  CacheLock(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
    this.file = this.folder.resolve(FILE);
    this.local = IN_PROCESS.computeIfAbsent(this.file, f -> new ReentrantLock());
  }

  /** Runs {@code work} while no other process or thread writes in the folder. */
  <T> T shared(PendingWrites.Work<T> work) throws IOException {
    return locked(true, work);
  }

  /** Runs {@code work} while no other process or thread reads or writes in the folder. */
  <T> T exclusive(PendingWrites.Work<T> work) throws IOException {
    return locked(false, work);
  }

  private <T> T locked(boolean shared, PendingWrites.Work<T> work) throws IOException {
    local.lock();
    try {
      if (local.getHoldCount() > 1) {
        return work.run(); // this thread holds the folder's lock already
      }
      FileChannel channel = null;
      FileLock lock = null;
      try {
        channel = open(shared);
      } catch (IOException e) {
        // An unusable folder: the write that follows fails and says why.
      }
      try {
        lock = channel == null ? null : channel.lock(0, Long.MAX_VALUE, shared);
      } catch (IOException | UnsupportedOperationException e) {
        if (!shared) {
          LOG.warn(
              "cannot lock the cache folder {} ({}); writing without the lock",
              folder,
              e.toString());
        }
      }
      try {
        return work.run();
      } finally {
        if (lock != null) {
          lock.release();
        }
        closeQuietly(channel);
      }
    } finally {
      local.unlock();
    }
  }

  /** The lock file's channel; null for a read when the folder holds nothing to read. */
  private FileChannel open(boolean shared) throws IOException {
    if (shared && !Files.isDirectory(folder)) {
      return null;
    }
    Files.createDirectories(folder);
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // the lock goes with the channel
    }
  }
}
