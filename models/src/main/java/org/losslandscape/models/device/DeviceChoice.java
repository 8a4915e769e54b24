package org.losslandscape.models.device;

import java.util.Objects;
import org.tensorflow.DeviceSpec;

/**
 * The device a run uses, why, and whether a CUDA request fell back to the CPU.
 *
 * <p>This record only says which device; {@link
 * org.losslandscape.models.tf.ExecutionSettings#on(DeviceChoice, int, int)} turns it into op
 * placement and a session configuration, the one place every graph of the tool gets them from.
 *
 * @param device the device that runs
 * @param reason one-line reason, written to the log and to {@code summary.json} as {@code
 *     device_reason}
 * @param fellBack true only when CUDA was requested and the CPU is used instead
 */
public record DeviceChoice(Device device, String reason, boolean fellBack) {

  /** Rejects inconsistent combinations so that a choice always means what it says. */
  public DeviceChoice {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(reason, "reason");
    if (fellBack && device != Device.CPU) {
      throw new IllegalArgumentException("Only a CPU choice can be a fallback, got " + device);
    }
    if (reason.isBlank() || reason.contains("\n") || reason.contains("\r")) {
      throw new IllegalArgumentException(
          "Device reason must be one non-blank line: '" + reason + "'");
    }
  }

  /**
   * Creates a CPU choice.
   *
   * @param reason one-line reason
   * @param fellBack true when CUDA was requested but is not usable
   * @return the choice
   */
  public static DeviceChoice cpu(String reason, boolean fellBack) {
    return new DeviceChoice(Device.CPU, reason, fellBack);
  }

  /**
   * Creates a choice of the first GPU.
   *
   * @param reason one-line reason
   * @return the choice
   */
  public static DeviceChoice cuda(String reason) {
    return new DeviceChoice(Device.CUDA, reason, false);
  }

  /** True when ops run on the GPU. */
  public boolean usesGpu() {
    return device == Device.CUDA;
  }

  /** The TensorFlow device string, {@code /device:CPU:0} or {@code /device:GPU:0}. */
  public String tfDeviceSpec() {
    return device.tfDeviceSpec();
  }

  /** The TensorFlow device for {@code Ops.withDevice}; prints as {@link #tfDeviceSpec()}. */
  public DeviceSpec deviceSpec() {
    return device.spec();
  }

  /**
   * Returns the one line the CLI logs about the device. A fallback reads {@code "Device: requested
   * cuda, falling back to cpu (/device:CPU:0): <reason>"}; otherwise {@code "Device: requested
   * <request>, using <device> (<tfDeviceSpec>): <reason>"}.
   *
   * @param request what the user asked for
   * @return the log line
   */
  public String logLine(DeviceRequest request) {
    String action = fellBack ? "falling back to " + device.label() : "using " + device.label();
    return "Device: requested "
        + request.label()
        + ", "
        + action
        + " ("
        + tfDeviceSpec()
        + "): "
        + reason;
  }
}
