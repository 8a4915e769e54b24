package org.losslandscape.pipeline.report;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders in a template. Only the template is scanned, never the values
 * put in, so a value (such as the minified plotly.js) may contain anything.
 */
final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

  private Template() {}

  /** {@code template} with every placeholder replaced; an unknown one is a programming error. */
  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + totalLength(values));
    int last = 0;
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for the placeholder " + m.group());
      }
      out.append(template, last, m.start()).append(value);
      last = m.end();
    }
    return out.append(template, last, template.length()).toString();
  }

  private static int totalLength(Map<String, String> values) {
    return values.values().stream().mapToInt(String::length).sum();
  }
}
