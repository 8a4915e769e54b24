package org.losslandscape.pipeline.report;

/**
 * JSON pointers (RFC 6901) into summary.json, which the page puts next to every number it shows.
 */
final class Pointers {

  private Pointers() {}

  /** One reference token: {@code ~} and {@code /} escaped as the RFC says. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
