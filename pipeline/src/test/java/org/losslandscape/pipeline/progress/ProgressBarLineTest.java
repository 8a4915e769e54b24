package org.losslandscape.pipeline.progress;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class ProgressBarLineTest {

  @Example
  void aTrainingRunHalfWayThrough() {
    assertThat(
            ProgressBarLine.render(
                "high_lr_small_batch", 9375, 18750, "step", 4.2, "minibatch loss 0.3412", 120))
        .isEqualTo(
            "high_lr_small_batch [==============>               ]  50%  9375/18750 steps"
                + " 0:04<0:04 minibatch loss 0.3412");
  }

  @Example
  void theStartAndTheEnd() {
    // 60 columns leave the bar 25: 60 - "grid" - " []" - " 100% 31/31 rows " - 11 for the times.
    assertThat(ProgressBarLine.render("grid", 0, 31, "row", 0.0, "", 60))
        .isEqualTo("grid [                         ]   0%  0/31 rows 0:00<?");
    assertThat(ProgressBarLine.render("grid", 31, 31, "row", 61.0, "", 60))
        .isEqualTo("grid [=========================] 100% 31/31 rows 1:01<0:00");
    assertThat(ProgressBarLine.render("one", 1, 1, "row", 3725, "", 60))
        .isEqualTo("one [============================] 100% 1/1 row 1:02:05<0:00");
  }

  @Example
  void aNarrowTerminalShrinksTheBarThenDropsTheNoteThenShortensTheLabel() {
    String line =
        ProgressBarLine.render(
            "high_lr_small_batch pair 1/3", 5, 31, "row", 1, "a long detail note", 60);
    assertThat(line).hasSizeLessThanOrEqualTo(60).doesNotContain("detail");
    assertThat(line).startsWith("high_lr_small_batch …").contains("[=>        ]");
  }

  @Property(tries = 300)
  void theLineNeverOverflowsItsWidthAndTheBarMatchesTheFraction(
      @ForAll @StringLength(min = 1, max = 60) String label,
      @ForAll @LongRange(min = 0, max = 100_000) long done,
      @ForAll @LongRange(min = 1, max = 100_000) long total,
      @ForAll @StringLength(max = 40) String detail,
      @ForAll @IntRange(min = 20, max = 200) int width) {
    String line = ProgressBarLine.render(label, done, total, "step", 12.5, detail, width);
    assertThat(line.length()).isLessThanOrEqualTo(width);
    int open = line.lastIndexOf(" [");
    int close = line.indexOf(']', open);
    if (open >= 0 && close > open) {
      String bar = line.substring(open + 2, close);
      double fraction = (double) Math.min(done, total) / total;
      long filled = bar.chars().filter(c -> c == '=' || c == '>').count();
      assertThat(filled).isEqualTo(Math.round(fraction * bar.length()));
    }
  }

  @Example
  void clockFormatsMinutesAndHours() {
    assertThat(ProgressBarLine.clock(0)).isEqualTo("0:00");
    assertThat(ProgressBarLine.clock(59.6)).isEqualTo("1:00");
    assertThat(ProgressBarLine.clock(3599)).isEqualTo("59:59");
    assertThat(ProgressBarLine.clock(3600)).isEqualTo("1:00:00");
  }
}
