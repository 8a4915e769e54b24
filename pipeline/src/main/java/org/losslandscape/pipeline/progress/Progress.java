package org.losslandscape.pipeline.progress;

import java.io.PrintWriter;
import java.util.function.Supplier;
import org.losslandscape.pipeline.config.ProgressMode;

/** Where long-running work reports how far it has got. */
public interface Progress {

  /**
   * The display {@code mode} asks for on {@code terminal}: a {@link BarProgress} drawn on {@code
   * barOutput} (asked for only then), or a {@link LogProgress}.
   */
  static Progress choose(ProgressMode mode, Terminal terminal, Supplier<PrintWriter> barOutput) {
    return mode.resolve(terminal.interactive()) == ProgressMode.BAR
        ? new BarProgress(barOutput.get(), terminal.columns())
        : new LogProgress();
  }

  /**
   * Starts a task of {@code total} units (steps, rows); close the returned task when it ends.
   *
   * @param label what the task is, e.g. {@code high_lr_small_batch}
   * @param unit the unit counted, singular, e.g. {@code step}
   */
  ProgressTask start(String label, long total, String unit);
}
