package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StageTimer}: the result passes through, durations add up per name in running order. */
class StageTimerTest {

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void timesEachStageAndAddsUpAStageThatRunsTwice() {
    StageTimer timer = new StageTimer();

    String value =
        timer.time(
            "train",
            () -> {
              sleep(60);
              return "weights";
            });
    timer.run("landscape", () -> sleep(20));
    timer.run("train", () -> sleep(60));

    assertThat(value).isEqualTo("weights");
    Map<String, Double> seconds = timer.seconds();
    assertThat(List.copyOf(seconds.keySet())).containsExactly("train", "landscape");
    assertThat(seconds.get("train")).isBetween(0.12, 5.0);
    assertThat(seconds.get("landscape")).isBetween(0.02, 5.0);
    assertThatThrownBy(() -> seconds.put("x", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aFailingStageIsNotRecordedAndItsFailurePassesThrough() {
    StageTimer timer = new StageTimer();
    IllegalStateException failure = new IllegalStateException("disk full");

    assertThatThrownBy(
            () ->
                timer.run(
                    "plot",
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(timer.seconds()).isEmpty();
  }

  @Test
  void durationsReadAsSecondsOrMinutesAndSeconds() {
    assertThat(StageTimer.formatSeconds(0.04)).isEqualTo("0.0 s");
    assertThat(StageTimer.formatSeconds(59.94)).isEqualTo("59.9 s");
    assertThat(StageTimer.formatSeconds(61)).isEqualTo("1 min 1 s");
    assertThat(StageTimer.formatSeconds(3725)).isEqualTo("62 min 5 s");
  }
}
