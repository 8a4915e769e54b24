package org.losslandscape.pipeline.progress;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress as one line redrawn in place with a carriage return, for a person at a terminal. Lines
 * logged while a bar is up go through {@link ProgressTask#log}, which takes the bar off its line
 * first, so log lines and the bar never share a line.
 */
public final class BarProgress implements Progress {

  /**
   * The least time between two redraws: often enough to look live, rarely enough to cost nothing.
   */
  static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter out;
  private final int columns;
  private final LongSupplier nanoTime;

  /**
   * A bar drawn on {@code out}, at most {@code columns} wide (one less, so that a full line never
   * wraps).
   */
  public BarProgress(PrintWriter out, int columns) {
    this(out, columns, System::nanoTime);
  }

  BarProgress(PrintWriter out, int columns, LongSupplier nanoTime) {
    this.out = out;
    this.columns = columns;
    this.nanoTime = nanoTime;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The bar appears with the first update, not before: until then there is nothing to show, and
   * whatever the work prints first (TensorFlow's native start-up lines go straight to the terminal)
   * keeps a line of its own.
   */
  @Override
  public ProgressTask start(String label, long total, String unit) {
    return new Task(label, total, unit);
  }

  private final class Task implements ProgressTask {
    private final String label;
    private final long total;
    private final String unit;
    private final long started = nanoTime.getAsLong();
    private boolean drawn;
    private long lastDraw;
    private long done;
    private String detail = "";
    private int drawnLength;

    Task(String label, long total, String unit) {
      this.label = label;
      this.total = total;
      this.unit = unit;
    }

    @Override
    public void update(long done, String detail) {
      this.done = done;
      this.detail = detail;
      if (!drawn || nanoTime.getAsLong() - lastDraw >= REDRAW_NANOS || done >= total) {
        draw();
      }
    }

    @Override
    public void log(Runnable logLine) {
      boolean wasShown = drawnLength > 0;
      clear();
      logLine.run();
      if (wasShown) {
        draw();
      }
    }

    @Override
    public void close() {
      clear();
    }

    void draw() {
      long now = nanoTime.getAsLong();
      drawn = true;
      lastDraw = now;
      String line =
          ProgressBarLine.render(
              label, done, total, unit, (now - started) / 1e9, detail, columns - 1);
      // Pad over the rest of a longer previous line.
      out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
      out.flush();
      drawnLength = line.length();
    }

    private void clear() {
      if (drawnLength > 0) {
        out.print("\r" + " ".repeat(drawnLength) + "\r");
        out.flush();
        drawnLength = 0;
      }
    }
  }
}
