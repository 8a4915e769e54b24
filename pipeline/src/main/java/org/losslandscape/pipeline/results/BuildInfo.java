package org.losslandscape.pipeline.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions recorded by the build (Maven filters them into {@code build.properties}), so that no
 * version string is typed by hand in the code.
 *
 * @param version the tool's version
 * @param tensorflowJavaVersion the TensorFlow Java bindings it was built against
 */
public record BuildInfo(String version, String tensorflowJavaVersion) {

  /** The versions of the running jar. */
  public static BuildInfo current() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new IllegalStateException("build.properties is missing from the jar; rebuild it");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(p.getProperty("version"), p.getProperty("tensorflow.java.version"));
  }
}
