package org.losslandscape.pipeline.progress;

/** One task's progress. Not thread-safe: one thread reports a task. */
public interface ProgressTask extends AutoCloseable {

  /**
   * {@code done} units of the total are finished.
   *
   * @param detail a short note on the latest state, e.g. {@code loss 0.3412}; may be empty
   */
  void update(long done, String detail);

  /**
   * Writes a log line while the task runs (e.g. after every epoch) without tearing a bar: the bar
   * is taken off its line, {@code logLine} runs, and the bar is drawn again below it.
   */
  void log(Runnable logLine);

  /** The task has ended; a bar clears its line, so what is logged next starts clean. */
  @Override
  void close();
}
