package org.losslandscape.models.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.DeviceSpec;
import org.tensorflow.TensorFlow;

/**
 * The real probe in this JVM. Which natives are loaded is read independently of the probe, from
 * JavaCPP's record of the libraries it loaded, so the test holds for the default (CPU) build and
 * for {@code -Pgpu}. Whether a usable GPU is expected is stated by {@code
 * -Dlosslandscape.expect.gpu=true}; the default is "no GPU", which is the case on the build machine
 * (no GPU there, so the {@code true} branch has not been run).
 */
class DeviceProbeOnThisMachineTest {

  private static final boolean EXPECT_GPU = Boolean.getBoolean("losslandscape.expect.gpu");

  private static boolean gpuBuildLoaded;

  @BeforeAll
  static void loadTensorFlow() {
    assertThat(TensorFlow.version()).isEqualTo("2.18.0");
    String gpuDir = "/" + Loader.getPlatform() + "-gpu/";
    gpuBuildLoaded =
        Loader.getLoadedLibraries().values().stream().anyMatch(path -> path.contains(gpuDir));
  }

  @Test
  void probeSeesTheNativesThatJavaCppActuallyLoaded() {
    DeviceFacts facts = DeviceProbe.forThisMachine().probe();

    assertThat(facts.gpuNativesPresent()).isEqualTo(gpuBuildLoaded);
    assertThat(facts.detail()).doesNotContain("\n");
  }

  @Test
  void choosesAsThisBuildAndMachineAllow() {
    DeviceProbe probe = DeviceProbe.forThisMachine();
    DeviceChoice auto = probe.choose(DeviceRequest.AUTO, false);
    DeviceChoice cuda = probe.choose(DeviceRequest.CUDA, false);

    assertThat(probe.choose(DeviceRequest.CPU, false))
        .isEqualTo(DeviceChoice.cpu("requested cpu", false));
    if (!gpuBuildLoaded) {
      assertThat(auto).isEqualTo(DeviceChoice.cpu(DeviceSelector.NO_GPU_NATIVES, false));
      assertThat(cuda).isEqualTo(DeviceChoice.cpu(DeviceSelector.NO_GPU_NATIVES, true));
      assertThatThrownBy(() -> probe.choose(DeviceRequest.CUDA, true))
          .isExactlyInstanceOf(GpuUnavailableException.class)
          .hasMessage(
              "a GPU is required but none is usable for device request cuda: "
                  + DeviceSelector.NO_GPU_NATIVES);
    } else if (!EXPECT_GPU) {
      // GPU natives without a GPU: a CUDA-less machine stops at the libraries, a machine with CUDA
      // 12 libraries but no device stops at TensorFlow's own verdict.
      assertThat(cuda.device()).isEqualTo(Device.CPU);
      assertThat(cuda.fellBack()).isTrue();
      assertThat(cuda.reason())
          .satisfiesAnyOf(
              r -> assertThat(r).startsWith(DeviceSelector.CUDA_NOT_FOUND + " ("),
              r -> assertThat(r).startsWith(DeviceSelector.NO_VISIBLE_GPU + " ("));
      assertThat(auto).isEqualTo(DeviceChoice.cpu(cuda.reason(), false));
    } else {
      assertThat(cuda).isEqualTo(auto);
      assertThat(cuda.device()).isEqualTo(Device.CUDA);
    }
  }

  @Test
  void withCudaLibrariesPresentTheGpuBuildGetsTensorFlowsOwnVerdict(@TempDir Path fakeCuda)
      throws IOException {
    // Empty files named like the CUDA libraries pass the file check, so the probe goes on to the
    // real TensorFlow run pinned to GPU:0 (TensorFlow itself never opens these files here).
    for (String library : DeviceProbe.REQUIRED_CUDA_LIBRARIES) {
      Files.createFile(fakeCuda.resolve(library));
    }
    ClassLoader loader = getClass().getClassLoader();
    DeviceSpec gpu =
        DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();
    DeviceProbe probe =
        new DeviceProbe(
            Map.of("LD_LIBRARY_PATH", fakeCuda.toString()),
            List.of(),
            fakeCuda.resolve("no-ld.so.conf.d"),
            Loader.getPlatform(),
            name -> loader.getResource(name) != null,
            () -> DeviceProbe.runPinnedTestOp(gpu));

    DeviceFacts facts = probe.probe();

    assertThat(facts.gpuNativesPresent()).isEqualTo(gpuBuildLoaded);
    if (gpuBuildLoaded) {
      assertThat(facts.cudaLibrariesFound()).isTrue();
      assertThat(facts.gpuVisible()).isEqualTo(EXPECT_GPU);
      if (!EXPECT_GPU) {
        assertThat(facts.detail())
            .startsWith("/device:GPU:0: TFInvalidArgumentException: Cannot assign a device");
        assertThat(probe.choose(DeviceRequest.CUDA, false).reason())
            .startsWith("no GPU device visible to TensorFlow (/device:GPU:0: ");
      }
    }
  }

  @Test
  void pinnedTestOpRunsOnTheCpuAndOnTheGpuOnlyWhenOneExists() {
    DeviceSpec cpu =
        DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build();
    DeviceSpec gpu =
        DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();

    // The check itself works: the same op pinned to the CPU runs.
    assertThat(DeviceProbe.runPinnedTestOp(cpu))
        .isEqualTo(new DeviceProbe.GpuVisibility(true, "/device:CPU:0 ran a test op"));

    DeviceProbe.GpuVisibility onGpu = DeviceProbe.runPinnedTestOp(gpu);
    assertThat(onGpu.visible()).isEqualTo(EXPECT_GPU);
    if (!EXPECT_GPU) {
      assertThat(onGpu.detail())
          .startsWith(
              "/device:GPU:0: TFInvalidArgumentException: Cannot assign a device for operation")
          .contains("was explicitly assigned to /device:GPU:0")
          .doesNotContain("\n");
    }
  }
}
