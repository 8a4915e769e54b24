package org.losslandscape.pipeline.progress;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Progress as a log line at most every few seconds ("high_lr_small_batch: step 5000/18750 (26%),
 * minibatch loss 0.4213"): what CI logs and redirected output get.
 */
public final class LogProgress implements Progress {

  /** The least time between two lines of one task. */
  public static final long INTERVAL_NANOS = 5_000_000_000L;

  private static final Logger LOG = LogManager.getLogger(LogProgress.class);

  private final LongSupplier nanoTime;
  private final Consumer<String> sink;

  /** Lines logged at INFO, timed by the system clock. */
  public LogProgress() {
    this(System::nanoTime, LOG::info);
  }

  /**
   * Lines given to {@code sink}, timed by {@code nanoTime} (tests pass a fake clock and a list).
   */
  LogProgress(LongSupplier nanoTime, Consumer<String> sink) {
    this.nanoTime = nanoTime;
    this.sink = sink;
  }

  @Override
  public ProgressTask start(String label, long total, String unit) {
    return new Task(label, total, unit);
  }

  /** The line for {@code done} of {@code total}, as logged. */
  static String line(String label, long done, long total, String unit, String detail) {
    long percent = total <= 0 ? 100 : 100 * Math.min(done, total) / total;
    return label
        + ": "
        + unit
        + " "
        + done
        + "/"
        + total
        + " ("
        + percent
        + "%)"
        + (detail == null || detail.isEmpty() ? "" : ", " + detail);
  }

  private final class Task implements ProgressTask {
    private final String label;
    private final long total;
    private final String unit;
    private long lastLine;

    Task(String label, long total, String unit) {
      this.label = label;
      this.total = total;
      this.unit = unit;
      this.lastLine = nanoTime.getAsLong();
    }

    @Override
    public void update(long done, String detail) {
      long now = nanoTime.getAsLong();
      // The end is logged by the stage itself, with its results.
      if (now - lastLine >= INTERVAL_NANOS && done < total) {
        lastLine = now;
        sink.accept(line(label, done, total, unit, detail));
      }
    }

    @Override
    public void log(Runnable logLine) {
      logLine.run();
    }

    @Override
    public void close() {
      // Nothing is on screen to clear.
    }
  }
}
