package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslandscape.models.statistics.MeanInterval;

/** One value has no interval, and the text says so instead of printing a zero half-width. */
class IntervalTextTest {

  @Test
  void anIntervalIsMeanPlusMinusHalfWidth() {
    MeanInterval m = MeanInterval.of(new double[] {0.2, 0.3, 0.4});
    assertThat(IntervalText.of(m))
        .isEqualTo(String.format(java.util.Locale.ROOT, "0.300±%.3f", m.halfWidth()));
  }

  @Test
  void oneValueSaysThereIsNoInterval() {
    assertThat(IntervalText.of(MeanInterval.of(new double[] {0.121})))
        .isEqualTo("0.121 (n=1, no interval)")
        .doesNotContain("±");
  }

  @Test
  void anInfiniteValueSaysItIsNotFinite() {
    assertThat(IntervalText.of(MeanInterval.of(new double[] {0.1, Double.POSITIVE_INFINITY})))
        .isEqualTo("Infinity (not finite, no interval)");
  }
}
