package org.losslandscape.pipeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The vendored plotly.js ({@code plotly.js-dist-min}, MIT), shipped in the jar and inlined into
 * every report so that the page needs no network. See {@code plotly/README.md} beside it for where
 * it came from; a test pins its SHA-256.
 */
public final class PlotlyBundle {

  /** The npm package version of the vendored file. */
  public static final String VERSION = "4.1.2";

  /** SHA-256 of {@code plotly.min.js} as published in that version. */
  public static final String SHA256 =
      "2f645d1bade8182fce161b7f10f89402f8b315805250ff4a94672a28d23c390a";

  /** Classpath location of the minified script, relative to this class. */
  static final String SCRIPT = "plotly/plotly.min.js";

  /** Classpath location of its licence text, relative to this class. */
  static final String LICENCE = "plotly/LICENSE";

  private PlotlyBundle() {}

  /** The minified script. */
  public static String script() {
    return resource(SCRIPT);
  }

  /** The MIT licence text that must travel with the script. */
  public static String licence() {
    return resource(LICENCE);
  }

  /** The bytes of a resource beside this class (package-private for the checksum test). */
  static byte[] bytes(String name) {
    try (InputStream in = PlotlyBundle.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar; rebuild it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
