package org.losslandscape.models.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceReportTest {

  @Test
  void reportsTensorFlowTheNativesTheFactsAndBothGpuRequests() {
    DeviceProbe probe = DeviceProbe.forThisMachine();
    DeviceFacts facts = probe.probe();

    List<String> lines = DeviceReport.report(probe);

    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo("TensorFlow 2.18.0");
    assertThat(lines.get(1)).startsWith("natives: ").endsWith("libjnitensorflow.so");
    assertThat(lines.get(2))
        .isEqualTo(
            "facts: gpuNativesPresent="
                + facts.gpuNativesPresent()
                + " cudaLibrariesFound="
                + facts.cudaLibrariesFound()
                + " gpuVisible="
                + facts.gpuVisible());
    assertThat(lines.get(3)).isEqualTo("detail: " + facts.detail());
    assertThat(lines.get(4))
        .isEqualTo(probe.choose(DeviceRequest.AUTO, false).logLine(DeviceRequest.AUTO));
    assertThat(lines.get(5))
        .isEqualTo(probe.choose(DeviceRequest.CUDA, false).logLine(DeviceRequest.CUDA));
  }
}
