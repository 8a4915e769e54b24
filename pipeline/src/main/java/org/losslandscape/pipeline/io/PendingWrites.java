package org.losslandscape.pipeline.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * The temporary files and folders of the writes in progress, so that a run stopped by a signal
 * (SIGTERM, Ctrl-C) leaves none behind.
 *
 * <p>Each atomic write runs inside {@link #run}, from the creation of its temporary to its rename;
 * its temporaries are {@link #register registered} meanwhile. {@link #stop} (the CLI's shutdown
 * hook) lets the writes in progress finish for a moment, so that what they publish is whole, lets
 * no new write start (a thread that tries waits until the JVM is gone), and deletes the temporaries
 * still registered. What was renamed into place before the stop stays: complete result files and
 * cache entries, which the next run reuses.
 */
public final class PendingWrites {

  private static final PendingWrites PROCESS = new PendingWrites();

  private final Set<Path> temporaries = ConcurrentHashMap.newKeySet();
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private volatile boolean stopped;

  /** A write that may fail with an I/O error. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the write. */
    T run() throws IOException;
  }

  /** A set of writes of its own (tests); the tool uses {@link #process()}. */
  PendingWrites() {}

  /** The writes of this JVM: every atomic write of the tool goes through this one. */
  public static PendingWrites process() {
    return PROCESS;
  }

  /**
   * Runs {@code work}, an atomic write, so that {@link #stop} waits for it. After a stop, a new
   * write never starts: the calling thread waits for the JVM to exit. A write nested in one that is
   * running (a cache entry's files) goes on, so that the outer one can finish.
   */
  public <T> T run(Work<T> work) throws IOException {
    boolean nested = gate.getReadHoldCount() > 0;
    if (!nested) {
      if (stopped) {
        waitForExit();
      }
      gate.readLock().lock();
      if (stopped) {
        gate.readLock().unlock();
        waitForExit();
      }
    } else {
      gate.readLock().lock();
    }
    try {
      return work.run();
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Records {@code temp} (a file or folder) as a temporary that {@link #stop} must remove. */
  public void register(Path temp) {
    temporaries.add(temp.toAbsolutePath());
  }

  /** Forgets {@code temp}: it was renamed into place or deleted. */
  public void unregister(Path temp) {
    temporaries.remove(temp.toAbsolutePath());
  }

  /** The temporaries registered now. */
  public List<Path> registered() {
    return List.copyOf(temporaries);
  }

  /**
   * Stops all writing: waits up to {@code wait} for the writes in progress to end, lets no new one
   * start, and deletes the temporaries still registered (those of writes that did not end in time).
   * Returns how many it deleted. Meant for the JVM's last moments: writing stays stopped.
   */
  public int stop(Duration wait) {
    stopped = true;
    try {
      // Never released: the writers that wait for it wait until the JVM exits.
      gate.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int removed = 0;
    for (Path temp : List.copyOf(temporaries)) {
      if (deleteRecursively(temp)) {
        removed++;
      }
      temporaries.remove(temp);
    }
    return removed;
  }

  private static boolean deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void waitForExit() {
    while (true) {
      LockSupport.park(PendingWrites.class);
    }
  }
}
