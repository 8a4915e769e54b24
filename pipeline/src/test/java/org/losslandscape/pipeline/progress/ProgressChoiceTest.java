package org.losslandscape.pipeline.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.config.ProgressMode;

/** Which display a run gets: the bar exactly on an interactive terminal unless told otherwise. */
class ProgressChoiceTest {

  private static final Terminal TTY = new Terminal(true, 100);
  private static final Terminal PIPE = new Terminal(false, 80);

  @Test
  void autoDrawsTheBarOnlyOnAnInteractiveTerminal() {
    assertThat(ProgressMode.AUTO.resolve(true)).isEqualTo(ProgressMode.BAR);
    assertThat(ProgressMode.AUTO.resolve(false)).isEqualTo(ProgressMode.LOG);
    assertThat(ProgressMode.BAR.resolve(false)).isEqualTo(ProgressMode.BAR);
    assertThat(ProgressMode.LOG.resolve(true)).isEqualTo(ProgressMode.LOG);
  }

  @Test
  void theChosenDisplayIsTheOneTheModeResolvesTo() {
    AtomicInteger asked = new AtomicInteger();
    java.util.function.Supplier<PrintWriter> out =
        () -> {
          asked.incrementAndGet();
          return new PrintWriter(new StringWriter());
        };
    assertThat(Progress.choose(ProgressMode.AUTO, TTY, out)).isInstanceOf(BarProgress.class);
    assertThat(Progress.choose(ProgressMode.BAR, PIPE, out)).isInstanceOf(BarProgress.class);
    assertThat(asked).hasValue(2);
    assertThat(Progress.choose(ProgressMode.AUTO, PIPE, out)).isInstanceOf(LogProgress.class);
    assertThat(Progress.choose(ProgressMode.LOG, TTY, out)).isInstanceOf(LogProgress.class);
    // The log display never opens the terminal.
    assertThat(asked).hasValue(2);
  }

  @Test
  void aTerminalIsInteractiveOnlyWithAConsoleThatIsNotDumb() {
    assertThat(Terminal.of(true, "xterm-256color", null)).isEqualTo(new Terminal(true, 80));
    assertThat(Terminal.of(false, "xterm", "120")).isEqualTo(new Terminal(false, 120));
    assertThat(Terminal.of(true, "dumb", "120").interactive()).isFalse();
    assertThat(Terminal.of(true, null, " 132 ").columns()).isEqualTo(132);
    assertThat(Terminal.of(true, null, "wide").columns()).isEqualTo(80);
    assertThat(Terminal.of(true, null, "5").columns()).isEqualTo(20);
  }

  @Test
  void theModesAreTheWordsOfTheFlag() {
    for (ProgressMode m : ProgressMode.values()) {
      assertThat(ProgressMode.parse(m.label())).isEqualTo(m);
    }
    assertThatThrownBy(() -> ProgressMode.parse("fancy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown progress display 'fancy': use auto, bar or log");
  }
}
