package org.losslandscape.pipeline.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test seam in the write layer: makes a chosen write fail as a full disk would, so that tests can
 * check what a run leaves behind when the disk fills up at that point, without filling a real disk.
 *
 * <p>Every write of a result or cache file ({@link AtomicFiles#write}, {@link SurfaceHdf5#write})
 * passes {@link #check} once its temporary file holds the content and before that file is forced
 * and renamed, the moment a real disk reports that it is full. Nothing is injected unless a test
 * calls {@link #inject}; then the {@code n}-th write whose target matches throws {@code
 * IOException("No space left on device")}, the JDK's message for {@code ENOSPC}.
 */
public final class WriteFailures {

  /** The message the JDK gives for {@code ENOSPC} on Linux. */
  public static final String NO_SPACE = "No space left on device";

  private static volatile Injection active;

  private WriteFailures() {}

  /**
   * From now on, the {@code n}-th write (1-based) whose target matches {@code targets} fails with
   * {@code IOException("No space left on device")}; so do all matching writes after it, as on a
   * disk that stays full. Close the returned injection to free the disk again.
   */
  public static Injection inject(Predicate<Path> targets, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    Injection injection = new Injection(targets, n);
    active = injection;
    return injection;
  }

  /** Called by the write layer once per write, just before the content is forced to disk. */
  static void check(Path target) throws IOException {
    Injection injection = active;
    if (injection != null) {
      injection.check(target.toAbsolutePath());
    }
  }

  /** One injected failure, active until closed. */
  public static final class Injection implements AutoCloseable {
    private final Predicate<Path> targets;
    private final int n;
    private final List<Path> matched = new ArrayList<>();
    private final List<Path> failed = new ArrayList<>();

    private Injection(Predicate<Path> targets, int n) {
      this.targets = targets;
      this.n = n;
    }

    private synchronized void check(Path target) throws IOException {
      if (!targets.test(target)) {
        return;
      }
      matched.add(target);
      if (matched.size() >= n) {
        failed.add(target);
        throw new IOException(NO_SPACE);
      }
    }

    /** The targets whose writes were made to fail, in order. */
    public synchronized List<Path> failed() {
      return List.copyOf(failed);
    }

    /** The matching targets seen so far, failed or not, in order. */
    public synchronized List<Path> matched() {
      return List.copyOf(matched);
    }

    /** Frees the disk: later writes succeed again. */
    @Override
    public void close() {
      if (active == this) {
        active = null;
      }
    }
  }
}
