package org.losslandscape.pipeline.progress;

/**
 * One progress task reported from several threads (lanes): each report is synchronized, and counts
 * are added rather than set, since each thread knows only its own share of the work.
 */
public final class SharedTask implements AutoCloseable {

  private final ProgressTask task;
  private long done;

  /** Starts a task of {@code total} units on {@code progress}. */
  public SharedTask(Progress progress, String label, long total, String unit) {
    this.task = progress.start(label, total, unit);
  }

  /** {@code units} more are finished. */
  public synchronized void add(long units, String detail) {
    done += units;
    task.update(done, detail);
  }

  /** Writes a log line without tearing the bar. */
  public synchronized void log(Runnable logLine) {
    task.log(logLine);
  }

  @Override
  public synchronized void close() {
    task.close();
  }
}
