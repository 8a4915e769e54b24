package org.losslandscape.pipeline.progress;

import java.util.Locale;

/**
 * Renders one line of a progress bar, e.g.
 *
 * <pre>
 * high_lr_small_batch [=============>                ]  47%  8750/18750 steps 0:04&lt;0:05 loss 0.3412
 * </pre>
 *
 * The line never exceeds the width it is given: the bar shrinks first (to 10 characters), then the
 * detail is dropped, then the label is shortened.
 */
public final class ProgressBarLine {

  private static final int MIN_BAR = 10;
  private static final int MAX_BAR = 30;

  /** Room kept for "elapsed&lt;left", e.g. {@code 12:04<0:35}. */
  private static final int TIMES_ROOM = 11;

  private ProgressBarLine() {}

  /**
   * The line for {@code done} of {@code total} units after {@code elapsedSeconds}.
   *
   * @param detail a short note shown last (may be empty)
   * @param width the most characters the line may take
   */
  public static String render(
      String label,
      long done,
      long total,
      String unit,
      double elapsedSeconds,
      String detail,
      int width) {
    long clamped = Math.max(0, Math.min(done, total));
    double fraction = total <= 0 ? 1 : (double) clamped / total;
    // The count is right-aligned to the total's digits, and the times are given at least
    // TIMES_ROOM characters, so that the bar keeps its width for the whole task.
    String counts =
        String.format(
            Locale.ROOT,
            "%3d%% %" + Long.toString(total).length() + "d/%d %s",
            (int) Math.floor(100 * fraction),
            clamped,
            total,
            total == 1 ? unit : unit + "s");
    String times = clock(elapsedSeconds) + "<" + eta(clamped, total, elapsedSeconds);
    String tail = " " + counts + " " + times;
    int tailRoom = 2 + counts.length() + Math.max(times.length(), TIMES_ROOM);
    String note = detail == null || detail.isEmpty() ? "" : " " + detail;

    // The bar takes the room the label, counts and note leave (10 to 30 characters); when that is
    // too little the note goes, and then the label is shortened.
    int frame = " []".length();
    int room = width - label.length() - frame - tailRoom - note.length();
    if (room < MIN_BAR) {
      note = "";
      room = width - label.length() - frame - tailRoom;
    }
    String bar = " [" + bar(fraction, Math.max(MIN_BAR, Math.min(MAX_BAR, room))) + "]";
    int labelRoom = width - bar.length() - tail.length() - note.length();
    String line = shorten(label, Math.max(0, labelRoom)) + bar + tail + note;
    return line.length() <= width ? line : line.substring(0, Math.max(0, width));
  }

  /** {@code width} characters: '=' for what is done, '>' at its head while not complete. */
  static String bar(double fraction, int width) {
    int filled = (int) Math.round(fraction * width);
    StringBuilder b = new StringBuilder(width);
    for (int i = 0; i < width; i++) {
      if (i < filled) {
        b.append(i == filled - 1 && filled < width ? '>' : '=');
      } else {
        b.append(' ');
      }
    }
    return b.toString();
  }

  /** m:ss, or h:mm:ss from an hour on. */
  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** The time left at the rate so far; "?" before anything is done. */
  private static String eta(long done, long total, double elapsed) {
    if (done <= 0) {
      return "?";
    }
    return clock(elapsed * (total - done) / done);
  }

  private static String shorten(String label, int room) {
    if (label.length() <= room) {
      return label;
    }
    return room <= 1 ? label.substring(0, room) : label.substring(0, room - 1) + "…";
  }
}
