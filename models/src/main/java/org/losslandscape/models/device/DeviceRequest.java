package org.losslandscape.models.device;

import java.util.Locale;

/** The device the user asked for: auto, cpu or cuda. */
public enum DeviceRequest {
  /** Use a GPU when one is usable, otherwise the CPU; never an error. */
  AUTO,
  /** Use the CPU and never probe or touch a GPU. */
  CPU,
  /** Use a GPU; falls back to the CPU (flagged) unless a GPU is required. */
  CUDA;

  /**
   * Parses the CLI spelling, case-insensitively and ignoring surrounding blanks.
   *
   * @param text "auto", "cpu" or "cuda"
   * @return the request
   * @throws IllegalArgumentException for any other value, with a one-line message
   */
  public static DeviceRequest parse(String text) {
    if (text != null) {
      switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "auto":
          return AUTO;
        case "cpu":
          return CPU;
        case "cuda":
          return CUDA;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("unknown device '" + text + "' (use auto, cpu or cuda)");
  }

  /**
   * Returns the lower-case spelling used on the command line and in logs.
   *
   * @return "auto", "cpu" or "cuda"
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
