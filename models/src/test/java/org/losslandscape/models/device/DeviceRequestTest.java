package org.losslandscape.models.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceRequestTest {

  @ParameterizedTest
  @CsvSource({
    "auto, AUTO",
    "AUTO, AUTO",
    "Auto, AUTO",
    "cpu, CPU",
    "CPU, CPU",
    "cuda, CUDA",
    "CUDA, CUDA",
    "' cuda ', CUDA"
  })
  void parsesCaseInsensitively(String text, DeviceRequest expected) {
    assertThat(DeviceRequest.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "gpu", "cuda:0", "tpu", "c p u"})
  void rejectsAnythingElseWithOneActionableLine(String text) {
    assertThatThrownBy(() -> DeviceRequest.parse(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown device '" + text + "' (use auto, cpu or cuda)");
  }

  @Test
  void labelRoundTrips() {
    for (DeviceRequest request : DeviceRequest.values()) {
      assertThat(DeviceRequest.parse(request.label())).isEqualTo(request);
    }
    assertThat(DeviceRequest.CUDA.label()).isEqualTo("cuda");
  }
}
