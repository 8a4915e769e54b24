package org.losslandscape.pipeline.plot;

/**
 * Makes AWT run without a display. Public entry points that create images call {@link #ensure()}
 * first; it only has an effect before AWT has started, and respects an explicit setting.
 */
final class Headless {

  private Headless() {}

  static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
