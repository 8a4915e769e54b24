package org.losslandscape.pipeline.stages;

import java.util.Locale;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * How an interval is written in logs and figure titles: {@code 0.297±0.080} when there is one, and
 * never a zero half-width when there is not.
 */
final class IntervalText {

  private IntervalText() {}

  /**
   * {@code mean±half} with three decimals; {@code mean (n=1, no interval)} for a single value;
   * {@code Infinity (not finite, no interval)} for a non-finite one.
   */
  static String of(MeanInterval m) {
    if (!m.finite()) {
      return m.mean() + " (not finite, no interval)";
    }
    if (m.n() < 2) {
      return String.format(Locale.ROOT, "%.3f (n=1, no interval)", m.mean());
    }
    return String.format(Locale.ROOT, "%.3f±%.3f", m.mean(), m.halfWidth());
  }
}
