package org.losslandscape.models.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;

/** The record's invariants, log line and session config; no TensorFlow runtime needed. */
class DeviceChoiceTest {

  @Test
  void factoriesPairDeviceWithTensorFlowSpec() {
    assertThat(DeviceChoice.cpu("requested cpu", false))
        .isEqualTo(new DeviceChoice(Device.CPU, "requested cpu", false));
    assertThat(DeviceChoice.cpu("requested cpu", false).tfDeviceSpec()).isEqualTo("/device:CPU:0");
    assertThat(DeviceChoice.cuda("GPU usable"))
        .isEqualTo(new DeviceChoice(Device.CUDA, "GPU usable", false));
    assertThat(DeviceChoice.cuda("GPU usable").tfDeviceSpec()).isEqualTo("/device:GPU:0");
  }

  @Test
  void rejectsInconsistentRecords() {
    assertThatThrownBy(() -> new DeviceChoice(Device.CUDA, "r", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Only a CPU choice can be a fallback, got CUDA");
    assertThatThrownBy(() -> new DeviceChoice(null, "r", false))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> DeviceChoice.cpu(" ", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceChoice.cpu("two\nlines", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deviceSpecPrintsAsTheTensorFlowDeviceString() {
    DeviceChoice cpu = DeviceChoice.cpu("requested cpu", false);
    DeviceChoice cuda = DeviceChoice.cuda("GPU usable");
    assertThat(cpu.deviceSpec().toString()).isEqualTo(cpu.tfDeviceSpec());
    assertThat(cpu.deviceSpec().deviceType()).isEqualTo(DeviceSpec.DeviceType.CPU);
    assertThat(cuda.deviceSpec().toString()).isEqualTo(cuda.tfDeviceSpec());
    assertThat(cuda.deviceSpec().deviceType()).isEqualTo(DeviceSpec.DeviceType.GPU);
    assertThat(cuda.usesGpu()).isTrue();
    assertThat(cpu.usesGpu()).isFalse();
  }

  @Test
  void logLinesAreTheDocumentedOnes() {
    assertThat(
            DeviceChoice.cpu("CUDA libraries not found (missing libcuda.so.1)", true)
                .logLine(DeviceRequest.CUDA))
        .isEqualTo(
            "Device: requested cuda, falling back to cpu (/device:CPU:0):"
                + " CUDA libraries not found (missing libcuda.so.1)");
    assertThat(DeviceChoice.cpu(DeviceSelector.NO_GPU_NATIVES, false).logLine(DeviceRequest.AUTO))
        .isEqualTo(
            "Device: requested auto, using cpu (/device:CPU:0):"
                + " no GPU natives in this jar (build with -Pgpu)");
    assertThat(DeviceChoice.cuda("GPU usable (x)").logLine(DeviceRequest.CUDA))
        .isEqualTo("Device: requested cuda, using cuda (/device:GPU:0): GPU usable (x)");
  }

  @Test
  void factsDetailIsOneLine() {
    assertThat(new DeviceFacts(true, true, false, " a\n\t b  c \n").detail()).isEqualTo("a b c");
    assertThatThrownBy(() -> new DeviceFacts(true, true, true, null))
        .isInstanceOf(NullPointerException.class);
  }
}
