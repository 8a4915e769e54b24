package org.losslandscape.models.device;

import java.util.Locale;
import org.tensorflow.DeviceSpec;

/**
 * A device TensorFlow can run on: the one form of "which device" in the tool. The request ({@link
 * DeviceRequest}) says what the user asked for; {@link DeviceChoice} says which device was chosen
 * and why; {@link org.losslandscape.models.tf.ExecutionSettings} turns it into op placement.
 */
public enum Device {
  /** The host CPU, TensorFlow device {@code /device:CPU:0}. */
  CPU(DeviceSpec.DeviceType.CPU),
  /** The first NVIDIA GPU, TensorFlow device {@code /device:GPU:0}. */
  CUDA(DeviceSpec.DeviceType.GPU);

  private final DeviceSpec.DeviceType type;

  Device(DeviceSpec.DeviceType type) {
    this.type = type;
  }

  /** The TensorFlow device every op is pinned to: device type and index 0. */
  public DeviceSpec spec() {
    return DeviceSpec.newBuilder().deviceType(type).deviceIndex(0).build();
  }

  /** The TensorFlow device string, {@code /device:CPU:0} or {@code /device:GPU:0}. */
  public String tfDeviceSpec() {
    return spec().toString();
  }

  /** The lower-case name used in logs and result files: {@code cpu} or {@code cuda}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
