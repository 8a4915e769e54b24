package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextWrapTest {

  private static final Font FONT = FigureStyle.defaults().panelTitle();

  private static Graphics2D graphics() {
    BufferedImage image = Canvas.newImage(10, 10);
    return Canvas.graphics(image, FigureStyle.defaults());
  }

  @Test
  void shortTextStaysOnOneLineAndLongTextBreaksAtSpaces() {
    Graphics2D g = graphics();
    assertThat(Canvas.wrap(g, FONT, "ε = 0.1", 500)).containsExactly("ε = 0.1");
    List<String> lines = Canvas.wrap(g, FONT, "max of L(α, β) − L(0, 0) over the ball", 150);
    assertThat(lines).hasSizeGreaterThan(1);
    assertThat(String.join(" ", lines)).isEqualTo("max of L(α, β) − L(0, 0) over the ball");
    g.dispose();
  }

  /**
   * Greedy wrapping: the words come back in order, every line fits unless it is one word too wide
   * for any line, and no line could have taken the next line's first word.
   */
  @Property(tries = 200)
  void wrapKeepsTheWordsFitsTheWidthAndIsGreedy(
      @ForAll @Size(min = 1, max = 25)
          List<@AlphaChars @StringLength(min = 1, max = 14) String> words,
      @ForAll @IntRange(min = 20, max = 600) int maxWidth) {
    Graphics2D g = graphics();
    FontMetrics metrics = g.getFontMetrics(FONT);
    List<String> lines = Canvas.wrap(g, FONT, String.join(" ", words), maxWidth);

    assertThat(String.join(" ", lines)).isEqualTo(String.join(" ", words));
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      assertThat(metrics.stringWidth(line) <= maxWidth || !line.contains(" "))
          .as("line %s fits %d px or is a single word", line, maxWidth)
          .isTrue();
      if (k + 1 < lines.size()) {
        String nextWord = lines.get(k + 1).split(" ")[0];
        assertThat(metrics.stringWidth(line + " " + nextWord)).isGreaterThan(maxWidth);
      }
    }
    g.dispose();
  }
}
