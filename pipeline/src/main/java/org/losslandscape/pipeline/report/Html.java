package org.losslandscape.pipeline.report;

import java.math.BigDecimal;
import java.util.Locale;
import org.losslandscape.pipeline.results.Json;

/**
 * The few HTML pieces the page is built from: escaped text, and numbers that carry the JSON pointer
 * of the summary.json field they show and its exact value, so that anyone (and the browser test)
 * can check a shown number against the file.
 */
final class Html {

  private Html() {}

  /** How a number is shown; the exact value is always in {@code data-value}. */
  enum Style {
    /** Losses and accuracies: four decimals. */
    DECIMALS,
    /** Sharpness and other values spanning decades: four significant digits. */
    SIGNIFICANT,
    /** Settings such as a learning rate: every digit, no exponent. */
    EXACT,
    /** Seconds: one decimal. */
    SECONDS
  }

  /** {@code text} escaped for use in element content and quoted attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A number read from summary.json at {@code pointer}. A null {@code value} is a field the file
   * does not have (shown as a dash); a non-finite one is shown as such with the reason the file
   * gives, never as 0.
   */
  static String number(String pointer, Double value, Style style) {
    String at = " data-json-pointer=\"" + escape(pointer) + "\"";
    if (value == null) {
      return "<span class=\"num absent\"" + at + " data-absent=\"true\">—</span>";
    }
    if (!Double.isFinite(value)) {
      String reason = Json.reason(value);
      return "<span class=\"num nonfinite\""
          + at
          + " data-reason=\""
          + reason
          + "\" title=\"not finite: summary.json has null with the reason "
          + reason
          + "\">"
          + nonFinite(value)
          + "</span>";
    }
    return "<span class=\"num\""
        + at
        + " data-value=\""
        + value
        + "\">"
        + format(value, style)
        + "</span>";
  }

  /** A whole number read from summary.json at {@code pointer}; null is a field it lacks. */
  static String integer(String pointer, Long value) {
    String at = " data-json-pointer=\"" + escape(pointer) + "\"";
    if (value == null) {
      return "<span class=\"num absent\"" + at + " data-absent=\"true\">—</span>";
    }
    return "<span class=\"num\"" + at + " data-value=\"" + value + "\">" + value + "</span>";
  }

  /** {@code value} (finite) as the page shows it. */
  static String format(double value, Style style) {
    return switch (style) {
      case DECIMALS -> String.format(Locale.ROOT, "%.4f", value);
      case SIGNIFICANT -> String.format(Locale.ROOT, "%.4g", value);
      case EXACT -> BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
      case SECONDS -> String.format(Locale.ROOT, "%.1f", value);
    };
  }

  /** How a non-finite value is shown. */
  static String nonFinite(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    return value > 0 ? "+∞" : "−∞";
  }
}
