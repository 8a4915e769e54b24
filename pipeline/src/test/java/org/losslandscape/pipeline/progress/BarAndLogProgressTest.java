package org.losslandscape.pipeline.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two displays without a terminal: a fake clock, and the output captured as text. */
class BarAndLogProgressTest {

  /** A clock the test moves by hand. */
  private static final class Clock {
    long now;

    long read() {
      return now;
    }

    void advanceMillis(long millis) {
      now += millis * 1_000_000;
    }
  }

  @Test
  void theBarAppearsWithTheFirstUpdateRedrawsAtMostTenTimesASecondAndClearsItsLineAtTheEnd() {
    StringWriter screen = new StringWriter();
    Clock clock = new Clock();
    Progress bar = new BarProgress(new PrintWriter(screen), 61, clock::read);
    try (ProgressTask task = bar.start("grid", 4, "row")) {
      assertThat(screen.toString()).isEmpty();
      clock.advanceMillis(50);
      task.update(1, "");
      task.update(2, ""); // within 100 ms of the first draw: not drawn
      clock.advanceMillis(100);
      task.update(3, "");
      task.update(4, ""); // the end is always drawn
    }
    String out = screen.toString();
    assertThat(out).doesNotContain("\n");
    assertThat(out.split("\r", -1))
        .containsExactly(
            "",
            "grid [======>                    ]  25% 1/4 rows 0:00<0:00",
            "grid [===================>       ]  75% 3/4 rows 0:00<0:00",
            "grid [===========================] 100% 4/4 rows 0:00<0:00",
            " ".repeat(58),
            "");
  }

  @Test
  void aLogLineWhileTheBarIsUpGetsALineOfItsOwn() {
    StringWriter screen = new StringWriter();
    PrintWriter out = new PrintWriter(screen);
    Clock clock = new Clock();
    Progress bar = new BarProgress(out, 61, clock::read);
    try (ProgressTask task = bar.start("run", 10, "step")) {
      clock.advanceMillis(200);
      task.update(5, "");
      task.log(() -> out.print("12:00:00 INFO  run: epoch 1\n"));
    }
    String text = screen.toString();
    int logged = text.indexOf("12:00:00 INFO");
    // Before the log line: the bar, then its line wiped and the cursor back at the start.
    String before = text.substring(0, logged);
    assertThat(before).matches("(?s)\\r.*50%  5/10 steps[^\\r]*\\r {40,}\\r");
    // After it: the bar again, on the next line, then cleared at the end.
    String after = text.substring(text.indexOf('\n', logged) + 1);
    assertThat(after).startsWith("\rrun [").contains("50%  5/10 steps").endsWith("\r");
    // Every physical line holds either log text or bar text, never both.
    for (String line : text.split("\n")) {
      String visible = line.substring(line.lastIndexOf('\r') + 1);
      assertThat(visible.contains("INFO") && visible.contains("[")).as(line).isFalse();
    }
  }

  @Test
  void theLogDisplayWritesALineEveryFiveSecondsAtMostAndNeverAtTheEnd() {
    List<String> lines = new ArrayList<>();
    Clock clock = new Clock();
    Progress log = new LogProgress(clock::read, lines::add);
    try (ProgressTask task = log.start("high_lr_small_batch", 18750, "step")) {
      clock.advanceMillis(1000);
      task.update(250, "minibatch loss 1.2000");
      clock.advanceMillis(4500);
      task.update(5000, "minibatch loss 0.5000");
      clock.advanceMillis(1000);
      task.update(6000, "minibatch loss 0.4500");
      task.log(() -> lines.add("epoch line"));
      clock.advanceMillis(9000);
      task.update(18750, "minibatch loss 0.2000");
    }
    assertThat(lines)
        .containsExactly(
            "high_lr_small_batch: step 5000/18750 (26%), minibatch loss 0.5000", "epoch line");
  }
}
