package org.losslandscape.models.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of request (3) x requireGpu (2) x facts (2^3) = 48 cases, written out as a
 * table so that the expected behaviour is read, not recomputed. For GPU_UNAVAILABLE rows the last
 * column is the blocking reason that the exception message must end with; for ILLEGAL rows it is
 * the whole message. Facts always carry detail "D".
 */
class DeviceSelectorTest {

  private static final String TABLE =
      """
      request | requireGpu | natives | cuda | visible | outcome | device | fellBack | reason
      CPU  | false | 0 | 0 | 0 | OK              | cpu  | false | requested cpu
      CPU  | false | 0 | 0 | 1 | OK              | cpu  | false | requested cpu
      CPU  | false | 0 | 1 | 0 | OK              | cpu  | false | requested cpu
      CPU  | false | 0 | 1 | 1 | OK              | cpu  | false | requested cpu
      CPU  | false | 1 | 0 | 0 | OK              | cpu  | false | requested cpu
      CPU  | false | 1 | 0 | 1 | OK              | cpu  | false | requested cpu
      CPU  | false | 1 | 1 | 0 | OK              | cpu  | false | requested cpu
      CPU  | false | 1 | 1 | 1 | OK              | cpu  | false | requested cpu
      CPU  | true  | 0 | 0 | 0 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      CPU  | true  | 0 | 0 | 1 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      CPU  | true  | 0 | 1 | 0 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      CPU  | true  | 0 | 1 | 1 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      CPU  | true  | 1 | 0 | 0 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      CPU  | true  | 1 | 0 | 1 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      CPU  | true  | 1 | 1 | 0 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      CPU  | true  | 1 | 1 | 1 | ILLEGAL         | -    | -     | a GPU cannot be required when the CPU is requested: drop one of the two
      AUTO | false | 0 | 0 | 0 | OK              | cpu  | false | no GPU natives in this jar (build with -Pgpu)
      AUTO | false | 0 | 0 | 1 | OK              | cpu  | false | no GPU natives in this jar (build with -Pgpu)
      AUTO | false | 0 | 1 | 0 | OK              | cpu  | false | no GPU natives in this jar (build with -Pgpu)
      AUTO | false | 0 | 1 | 1 | OK              | cpu  | false | no GPU natives in this jar (build with -Pgpu)
      AUTO | false | 1 | 0 | 0 | OK              | cpu  | false | CUDA libraries not found (D)
      AUTO | false | 1 | 0 | 1 | OK              | cpu  | false | CUDA libraries not found (D)
      AUTO | false | 1 | 1 | 0 | OK              | cpu  | false | no GPU device visible to TensorFlow (D)
      AUTO | false | 1 | 1 | 1 | OK              | cuda | false | GPU usable (D)
      AUTO | true  | 0 | 0 | 0 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      AUTO | true  | 0 | 0 | 1 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      AUTO | true  | 0 | 1 | 0 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      AUTO | true  | 0 | 1 | 1 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      AUTO | true  | 1 | 0 | 0 | GPU_UNAVAILABLE | -    | -     | CUDA libraries not found (D)
      AUTO | true  | 1 | 0 | 1 | GPU_UNAVAILABLE | -    | -     | CUDA libraries not found (D)
      AUTO | true  | 1 | 1 | 0 | GPU_UNAVAILABLE | -    | -     | no GPU device visible to TensorFlow (D)
      AUTO | true  | 1 | 1 | 1 | OK              | cuda | false | GPU usable (D)
      CUDA | false | 0 | 0 | 0 | OK              | cpu  | true  | no GPU natives in this jar (build with -Pgpu)
      CUDA | false | 0 | 0 | 1 | OK              | cpu  | true  | no GPU natives in this jar (build with -Pgpu)
      CUDA | false | 0 | 1 | 0 | OK              | cpu  | true  | no GPU natives in this jar (build with -Pgpu)
      CUDA | false | 0 | 1 | 1 | OK              | cpu  | true  | no GPU natives in this jar (build with -Pgpu)
      CUDA | false | 1 | 0 | 0 | OK              | cpu  | true  | CUDA libraries not found (D)
      CUDA | false | 1 | 0 | 1 | OK              | cpu  | true  | CUDA libraries not found (D)
      CUDA | false | 1 | 1 | 0 | OK              | cpu  | true  | no GPU device visible to TensorFlow (D)
      CUDA | false | 1 | 1 | 1 | OK              | cuda | false | GPU usable (D)
      CUDA | true  | 0 | 0 | 0 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      CUDA | true  | 0 | 0 | 1 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      CUDA | true  | 0 | 1 | 0 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      CUDA | true  | 0 | 1 | 1 | GPU_UNAVAILABLE | -    | -     | no GPU natives in this jar (build with -Pgpu)
      CUDA | true  | 1 | 0 | 0 | GPU_UNAVAILABLE | -    | -     | CUDA libraries not found (D)
      CUDA | true  | 1 | 0 | 1 | GPU_UNAVAILABLE | -    | -     | CUDA libraries not found (D)
      CUDA | true  | 1 | 1 | 0 | GPU_UNAVAILABLE | -    | -     | no GPU device visible to TensorFlow (D)
      CUDA | true  | 1 | 1 | 1 | OK              | cuda | false | GPU usable (D)
      """;

  /** One row of the table. */
  record Case(
      DeviceRequest request,
      boolean requireGpu,
      boolean natives,
      boolean cuda,
      boolean visible,
      String outcome,
      String device,
      boolean fellBack,
      String reason) {

    DeviceFacts facts() {
      return new DeviceFacts(natives, cuda, visible, "D");
    }

    @Override
    public String toString() {
      return request + " require=" + requireGpu + " facts=" + natives + "/" + cuda + "/" + visible;
    }
  }

  static List<Case> cases() {
    return TABLE
        .lines()
        .skip(1)
        .filter(line -> !line.isBlank())
        .map(line -> Stream.of(line.split("\\|")).map(String::strip).toList())
        .map(
            c ->
                new Case(
                    DeviceRequest.valueOf(c.get(0)),
                    Boolean.parseBoolean(c.get(1)),
                    c.get(2).equals("1"),
                    c.get(3).equals("1"),
                    c.get(4).equals("1"),
                    c.get(5),
                    c.get(6),
                    Boolean.parseBoolean(c.get(7)),
                    c.get(8)))
        .toList();
  }

  @Test
  void tableCoversAll48CombinationsOnce() {
    Set<String> keys = cases().stream().map(Case::toString).collect(Collectors.toSet());
    assertThat(cases()).hasSize(48);
    assertThat(keys).hasSize(48);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void choosesAsTheTableSays(Case c) {
    switch (c.outcome()) {
      case "OK" -> {
        DeviceChoice choice = DeviceSelector.choose(c.request(), c.requireGpu(), c.facts());
        assertThat(choice.device().label()).isEqualTo(c.device());
        assertThat(choice.fellBack()).isEqualTo(c.fellBack());
        assertThat(choice.reason()).isEqualTo(c.reason());
        assertThat(choice.tfDeviceSpec())
            .isEqualTo(c.device().equals("cuda") ? "/device:GPU:0" : "/device:CPU:0");
      }
      case "GPU_UNAVAILABLE" ->
          assertThatThrownBy(() -> DeviceSelector.choose(c.request(), c.requireGpu(), c.facts()))
              .isExactlyInstanceOf(GpuUnavailableException.class)
              .hasMessage(
                  "a GPU is required but none is usable for device request "
                      + c.request().label()
                      + ": "
                      + c.reason());
      case "ILLEGAL" ->
          assertThatThrownBy(() -> DeviceSelector.choose(c.request(), c.requireGpu(), c.facts()))
              .isExactlyInstanceOf(IllegalArgumentException.class)
              .hasMessage(c.reason());
      default -> throw new IllegalStateException("bad outcome in table: " + c.outcome());
    }
  }

  @Test
  void cpuRequestDoesNotReadTheFacts() {
    // Proves "cpu never touches the GPU": there is nothing to probe, not even a facts object.
    assertThat(DeviceSelector.choose(DeviceRequest.CPU, false, null))
        .isEqualTo(DeviceChoice.cpu("requested cpu", false));
  }

  @Test
  void blankDetailLeavesNoEmptyParentheses() {
    DeviceFacts noCuda = new DeviceFacts(true, false, false, "  ");
    assertThat(DeviceSelector.choose(DeviceRequest.CUDA, false, noCuda).reason())
        .isEqualTo("CUDA libraries not found");
    DeviceFacts usable = new DeviceFacts(true, true, true, "");
    assertThat(DeviceSelector.choose(DeviceRequest.AUTO, false, usable).reason())
        .isEqualTo("GPU usable");
  }

  @Test
  void multiLineDetailBecomesOneLineInReasonAndException() {
    DeviceFacts facts = new DeviceFacts(true, true, false, "Cannot assign a device\n\t [[Add]]");
    assertThat(DeviceSelector.choose(DeviceRequest.CUDA, false, facts).reason())
        .isEqualTo("no GPU device visible to TensorFlow (Cannot assign a device [[Add]])");
    assertThatThrownBy(() -> DeviceSelector.choose(DeviceRequest.CUDA, true, facts))
        .hasMessageNotContaining("\n");
  }
}
