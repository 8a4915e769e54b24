package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void constantIsConstant() {
    LearningRateSchedule s = LearningRateSchedule.constant();
    assertThat(s.rate(0.1, 0, 100)).isEqualTo(0.1);
    assertThat(s.rate(0.1, 99, 100)).isEqualTo(0.1);
  }

  @Test
  void warmupCosineRampsLinearlyThenDecaysToZero() {
    LearningRateSchedule s = LearningRateSchedule.warmupCosine(0.1); // 10 warmup steps of 100
    assertThat(s.rate(1.0, 0, 100)).isCloseTo(0.1, within(1e-12));
    assertThat(s.rate(1.0, 4, 100)).isCloseTo(0.5, within(1e-12));
    assertThat(s.rate(1.0, 9, 100)).isCloseTo(1.0, within(1e-12));
    assertThat(s.rate(1.0, 10, 100)).isCloseTo(1.0, within(1e-12));
    // Halfway through the 90 decay steps the cosine is at one half.
    assertThat(s.rate(1.0, 55, 100)).isCloseTo(0.5, within(1e-12));
    assertThat(s.rate(1.0, 100, 100)).isCloseTo(0.0, within(1e-12));
    for (int step = 10; step < 100; step++) {
      assertThat(s.rate(1.0, step + 1, 100)).isLessThanOrEqualTo(s.rate(1.0, step, 100));
    }
  }

  @Test
  void parsesNamesAndRejectsOthers() {
    assertThat(LearningRateSchedule.parse("warmup-cosine").kind())
        .isEqualTo(LearningRateSchedule.Kind.WARMUP_COSINE);
    assertThat(LearningRateSchedule.parse("Constant").label()).isEqualTo("constant");
    assertThatThrownBy(() -> LearningRateSchedule.parse("step"))
        .hasMessageContaining("constant or warmup-cosine");
  }
}
