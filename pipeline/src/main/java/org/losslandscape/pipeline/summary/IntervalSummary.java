package org.losslandscape.pipeline.summary;

import org.losslandscape.models.statistics.MeanInterval;

/**
 * A mean with its 95% Student-t interval.
 *
 * @param mean the mean
 * @param ci95Low lower end (null when there is no interval)
 * @param ci95High upper end (null when there is no interval)
 * @param noIntervalBecause why there is no interval: {@code single_value} (n = 1) or {@code
 *     non_finite} (a value is infinite or NaN); absent otherwise
 * @param n number of values
 */
public record IntervalSummary(
    double mean, Double ci95Low, Double ci95High, String noIntervalBecause, int n) {

  /** Reason when one value gives no interval. */
  public static final String SINGLE_VALUE = "single_value";

  /** Reason when a value is infinite or NaN. */
  public static final String NON_FINITE = "non_finite";

  /** The summary of {@code m}. */
  public static IntervalSummary of(MeanInterval m) {
    String reason = reasonWhyNoInterval(m);
    return reason == null
        ? new IntervalSummary(m.mean(), m.lower(), m.upper(), null, m.n())
        : new IntervalSummary(m.mean(), null, null, reason, m.n());
  }

  /** Null when {@code m} is a real interval, else the reason it is not. */
  static String reasonWhyNoInterval(MeanInterval m) {
    if (!m.finite()) {
      return NON_FINITE;
    }
    return m.n() < 2 ? SINGLE_VALUE : null;
  }
}
