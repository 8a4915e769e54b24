package org.losslandscape.pipeline.io;

import java.util.regex.Pattern;

/**
 * Text from a user's file made safe to quote inside a one-line error message: line breaks and other
 * control characters (which would split the message or garble the terminal) become {@code ?}, and
 * long text is cut short.
 */
public final class Printable {

  /** C0 and C1 controls (CR, LF, NEL among them) and the Unicode line and paragraph separators. */
  private static final Pattern UNPRINTABLE =
      Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]");

  private Printable() {}

  /** {@code text} on one line, at most {@code maxLength} characters plus "..." if cut. */
  public static String quote(String text, int maxLength) {
    String cut = text.length() <= maxLength ? text : text.substring(0, maxLength) + "...";
    return UNPRINTABLE.matcher(cut).replaceAll("?");
  }

  /** {@code text} on one line, whatever its length (for messages built from known parts). */
  public static String oneLine(String text) {
    return UNPRINTABLE.matcher(text).replaceAll("?");
  }
}
