package org.losslandscape.pipeline.stages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the stages of one study, logging each one's start, end and duration, and keeps the durations
 * for the summary. One instance per study run.
 */
public final class StageTimer {

  private static final Logger LOG = LogManager.getLogger(StageTimer.class);

  private final Map<String, Double> seconds = new LinkedHashMap<>();

  /** Runs {@code stage} under {@code name} and returns its result. */
  public <T> T time(String name, Supplier<T> stage) {
    LOG.info("[{}] started", name);
    long start = System.nanoTime();
    T result = stage.get();
    double took = (System.nanoTime() - start) / 1e9;
    seconds.merge(name, took, Double::sum);
    LOG.info("[{}] done in {}", name, formatSeconds(took));
    return result;
  }

  /** Runs a stage that returns nothing. */
  public void run(String name, Runnable stage) {
    time(
        name,
        () -> {
          stage.run();
          return null;
        });
  }

  /** Seconds per stage name, in the order the stages ran. */
  public Map<String, Double> seconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }

  static String formatSeconds(double s) {
    return s < 60
        ? String.format("%.1f s", s)
        : String.format("%d min %.0f s", (int) (s / 60), s % 60);
  }
}
