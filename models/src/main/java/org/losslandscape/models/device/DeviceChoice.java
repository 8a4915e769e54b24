package org.losslandscape.models.device;

import java.util.Objects;
import org.tensorflow.DeviceSpec;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The device a run uses, why, and whether a {@code --device cuda} request fell back to the CPU.
 *
 * <p>How to apply it in TensorFlow Java 1.1.0 (graph mode):
 *
 * <pre>{@code
 * DeviceChoice choice = DeviceProbe.forThisMachine().choose(request, requireGpu);
 * log.info(choice.logLine(request));                 // WARN when choice.fellBack()
 * try (Graph graph = new Graph()) {
 *   Ops tf = choice.placeOps(Ops.create(graph));     // every op built through tf gets the device
 *   ... build the model with tf, and raw ops with graph.opBuilder(type, name, tf.scope()) ...
 *   try (Session session = new Session(graph, choice.sessionConfig())) { ... }
 * }
 * }</pre>
 *
 * <p>{@link #placeOps(Ops)} is {@code Ops.withDevice(DeviceSpec)}: the device string is copied onto
 * each op's {@code device} attribute, also for ops made with {@code graph.opBuilder(type, name,
 * tf.scope())}. The session config allows soft placement, so an op that has no kernel for the
 * chosen device runs on the CPU instead of failing the whole graph.
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
   * Scopes an op factory to this device.
   *
   * @param tf the op factory of a graph
   * @return a factory whose ops (and raw ops built with its scope) carry this device
   */
  public Ops placeOps(Ops tf) {
    return tf.withDevice(deviceSpec());
  }

  /**
   * Builds the session config for this device: soft placement on (ops without a kernel for the
   * device fall back op by op), device-placement logging off, GPU memory grown on demand instead of
   * grabbing the whole card. A CPU choice also sets {@code device_count {"GPU": 0}} so that no GPU
   * device is created for the session, even in the GPU build.
   *
   * @return the config for {@code new Session(graph, config)}
   */
  public ConfigProto sessionConfig() {
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setAllowSoftPlacement(true)
            .setLogDevicePlacement(false)
            .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
    if (!usesGpu()) {
      config.putDeviceCount("GPU", 0);
    }
    return config.build();
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
