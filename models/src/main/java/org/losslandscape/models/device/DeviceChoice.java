package org.losslandscape.models.device;

import java.util.Objects;
import org.tensorflow.DeviceSpec;

/**
 * The device a run uses, why, and whether a {@code --device cuda} request fell back to the CPU.
 *
 * <p>This record only says which device; {@link
 * org.losslandscape.models.tf.ExecutionSettings#on(DeviceChoice, int, int)} turns it into op
 * placement and a session configuration, the one place every graph of the tool gets them from.
 *
 * @param device "cpu" or "cuda"
 * @param tfDeviceSpec the TensorFlow device string, "/device:CPU:0" or "/device:GPU:0"
 * @param reason one-line reason, written to the log and to {@code summary.json} as {@code
 *     device_reason}
 * @param fellBack true only when CUDA was requested and the CPU is used instead
 */
public record DeviceChoice(String device, String tfDeviceSpec, String reason, boolean fellBack) {

  /** Value of {@link #device()} for the CPU. */
  public static final String CPU = "cpu";

  /** Value of {@link #device()} for an NVIDIA GPU. */
  public static final String CUDA = "cuda";

  private static final String CPU_SPEC = "/device:CPU:0";
  private static final String GPU_SPEC = "/device:GPU:0";

  /** Rejects inconsistent combinations so that a choice always means what it says. */
  public DeviceChoice {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(tfDeviceSpec, "tfDeviceSpec");
    Objects.requireNonNull(reason, "reason");
    if (!(CPU.equals(device) && CPU_SPEC.equals(tfDeviceSpec))
        && !(CUDA.equals(device) && GPU_SPEC.equals(tfDeviceSpec))) {
      throw new IllegalArgumentException(
          "Inconsistent device choice: device=" + device + " tfDeviceSpec=" + tfDeviceSpec);
    }
    if (fellBack && !CPU.equals(device)) {
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
    return new DeviceChoice(CPU, CPU_SPEC, reason, fellBack);
  }

  /**
   * Creates a choice of the first GPU.
   *
   * @param reason one-line reason
   * @return the choice
   */
  public static DeviceChoice cuda(String reason) {
    return new DeviceChoice(CUDA, GPU_SPEC, reason, false);
  }

  /**
   * Returns true when ops run on the GPU.
   *
   * @return whether {@link #device()} is "cuda"
   */
  public boolean usesGpu() {
    return CUDA.equals(device);
  }

  /**
   * Returns the TensorFlow device for {@code Ops.withDevice}; its {@code toString()} equals {@link
   * #tfDeviceSpec()}.
   *
   * @return device type CPU or GPU, index 0
   */
  public DeviceSpec deviceSpec() {
    return DeviceSpec.newBuilder()
        .deviceType(usesGpu() ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
        .deviceIndex(0)
        .build();
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
    String action = fellBack ? "falling back to " + device : "using " + device;
    return "Device: requested "
        + request.cliName()
        + ", "
        + action
        + " ("
        + tfDeviceSpec
        + "): "
        + reason;
  }
}
