package org.losslandscape.models.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against a fake machine: a temporary directory tree stands in for the library
 * directories and {@code /etc/ld.so.conf.d}, a map for the environment, a set for the classpath
 * resources and a counting stub for the TensorFlow GPU run (which needs a GPU).
 */
class DeviceProbeTest {

  private static final String GPU_JNI =
      "org/tensorflow/internal/c_api/linux-x86_64-gpu/libjnitensorflow.so";

  @TempDir Path root;

  private Path confDir;
  private Path standardDir;
  private Path ldPathDir;
  private Path confListedDir;
  private final AtomicInteger gpuChecks = new AtomicInteger();
  private final AtomicInteger resourceLookups = new AtomicInteger();

  @BeforeEach
  void layOutFakeMachine() throws IOException {
    confDir = Files.createDirectories(root.resolve("etc/ld.so.conf.d"));
    standardDir = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
    ldPathDir = Files.createDirectories(root.resolve("opt/cuda-12.5/lib64"));
    confListedDir = Files.createDirectories(root.resolve("usr/local/cudnn/lib"));
  }

  private DeviceProbe probe(
      Map<String, String> env, Set<String> resources, DeviceProbe.GpuVisibility gpu) {
    return new DeviceProbe(
        env,
        List.of(standardDir),
        confDir,
        "linux-x86_64",
        name -> {
          resourceLookups.incrementAndGet();
          return resources.contains(name);
        },
        () -> {
          gpuChecks.incrementAndGet();
          return gpu;
        });
  }

  private DeviceProbe gpuBuildProbe(Map<String, String> env, DeviceProbe.GpuVisibility gpu) {
    return probe(env, Set.of(GPU_JNI), gpu);
  }

  private static final DeviceProbe.GpuVisibility VISIBLE =
      new DeviceProbe.GpuVisibility(true, "/device:GPU:0 ran a test op");

  private static void touch(Path dir, String name) throws IOException {
    Files.createFile(dir.resolve(name));
  }

  @Test
  void cpuOnlyNativesStopTheProbeBeforeLookingForCuda() {
    DeviceProbe probe = probe(Map.of(), Set.of(), VISIBLE);

    DeviceFacts facts = probe.probe();

    assertThat(probe.gpuNativesResource()).isEqualTo(GPU_JNI);
    assertThat(facts.gpuNativesPresent()).isFalse();
    assertThat(facts.cudaLibrariesFound()).isFalse();
    assertThat(facts.gpuVisible()).isFalse();
    assertThat(facts.detail())
        .isEqualTo("CPU-only TensorFlow natives: no " + GPU_JNI + " on the classpath");
    assertThat(gpuChecks).hasValue(0);
    assertThat(probe.choose(DeviceRequest.CUDA, false))
        .isEqualTo(DeviceChoice.cpu("no GPU natives in this jar (build with -Pgpu)", true));
  }

  @Test
  void gpuNativesWithoutCudaReportWhatIsMissingAndWhereItLooked() {
    DeviceProbe probe = gpuBuildProbe(Map.of(), VISIBLE);

    DeviceFacts facts = probe.probe();

    assertThat(facts.gpuNativesPresent()).isTrue();
    assertThat(facts.cudaLibrariesFound()).isFalse();
    assertThat(facts.detail())
        .isEqualTo(
            "missing libcuda.so.1, libcudart.so.12, libcudnn.so.9; searched "
                + standardDir
                + "; install the NVIDIA driver, CUDA 12 and cuDNN 9 or set LD_LIBRARY_PATH");
    assertThat(gpuChecks).hasValue(0);
    DeviceChoice choice = probe.choose(DeviceRequest.CUDA, false);
    assertThat(choice.device()).isEqualTo(Device.CPU);
    assertThat(choice.fellBack()).isTrue();
    assertThat(choice.reason()).isEqualTo("CUDA libraries not found (" + facts.detail() + ")");
  }

  @Test
  void anotherCudaMajorVersionIsNamedInTheMessage() throws IOException {
    // This machine's real case: a CUDA 13 toolkit (libcudart.so.13) and no driver or cuDNN.
    touch(standardDir, "libcudart.so.13");
    touch(standardDir, "libcudart.so");
    // The same file reached through a symlinked directory is named once.
    Path alias = Files.createSymbolicLink(root.resolve("cuda-alias"), standardDir);
    DeviceProbe probe =
        new DeviceProbe(
            Map.of(),
            List.of(standardDir, alias),
            confDir,
            "linux-x86_64",
            Set.of(GPU_JNI)::contains,
            () -> VISIBLE);

    DeviceFacts facts = probe.probe();

    assertThat(facts.cudaLibrariesFound()).isFalse();
    assertThat(facts.detail())
        .startsWith("missing libcuda.so.1, libcudart.so.12, libcudnn.so.9;")
        .contains(
            "other versions, unusable by TensorFlow 2.18: "
                + standardDir.resolve("libcudart.so.13")
                + "; searched ")
        .doesNotContain(alias.resolve("libcudart.so.13").toString())
        .doesNotContain("libcudart.so,");
  }

  @Test
  void findsLibrariesAcrossLdLibraryPathLdSoConfAndStandardDirsThenRunsTheGpuCheckOnce()
      throws IOException {
    touch(ldPathDir, "libcudart.so.12");
    touch(confListedDir, "libcudnn.so.9");
    touch(standardDir, "libcuda.so.1");
    Files.writeString(
        confDir.resolve("cudnn.conf"),
        "# cuDNN\n\ninclude /etc/ld.so.conf.d/other/*.conf\n" + confListedDir + "\n");
    Files.writeString(confDir.resolve("ignored.txt"), root.resolve("nowhere") + "\n");
    DeviceProbe probe = gpuBuildProbe(Map.of("LD_LIBRARY_PATH", ":" + ldPathDir + ":"), VISIBLE);

    assertThat(probe.librarySearchPath()).containsExactly(ldPathDir, confListedDir, standardDir);
    DeviceFacts facts = probe.probe();

    assertThat(facts).isEqualTo(new DeviceFacts(true, true, true, "/device:GPU:0 ran a test op"));
    assertThat(probe.searchCudaLibraries().describe())
        .isEqualTo(
            "libcuda.so.1 in "
                + standardDir
                + ", libcudart.so.12 in "
                + ldPathDir
                + ", libcudnn.so.9 in "
                + confListedDir);
    assertThat(gpuChecks).hasValue(1);
    assertThat(probe.choose(DeviceRequest.AUTO, false))
        .isEqualTo(DeviceChoice.cuda("GPU usable (/device:GPU:0 ran a test op)"));
  }

  @Test
  void ldLibraryPathWinsOverOtherDirectories() throws IOException {
    for (Path dir : List.of(ldPathDir, standardDir)) {
      touch(dir, "libcuda.so.1");
      touch(dir, "libcudart.so.12");
      touch(dir, "libcudnn.so.9");
    }
    DeviceProbe probe = gpuBuildProbe(Map.of("LD_LIBRARY_PATH", ldPathDir.toString()), VISIBLE);

    assertThat(probe.searchCudaLibraries().found())
        .containsOnlyKeys(DeviceProbe.REQUIRED_CUDA_LIBRARIES)
        .allSatisfy((library, dir) -> assertThat(dir).isEqualTo(ldPathDir));
  }

  @Test
  void danglingSymlinkIsNotALibrary() throws IOException {
    touch(standardDir, "libcuda.so.1");
    touch(standardDir, "libcudnn.so.9");
    Files.createSymbolicLink(standardDir.resolve("libcudart.so.12"), root.resolve("gone.so"));

    DeviceFacts facts = gpuBuildProbe(Map.of(), VISIBLE).probe();

    assertThat(facts.cudaLibrariesFound()).isFalse();
    assertThat(facts.detail()).startsWith("missing libcudart.so.12;");
  }

  @Test
  void gpuThatTensorFlowCannotUseIsReportedWithItsMessage() throws IOException {
    touch(standardDir, "libcuda.so.1");
    touch(standardDir, "libcudart.so.12");
    touch(standardDir, "libcudnn.so.9");
    DeviceProbe.GpuVisibility refused =
        new DeviceProbe.GpuVisibility(
            false, "/device:GPU:0: Cannot assign a device for operation Add");
    DeviceProbe probe = gpuBuildProbe(Map.of(), refused);

    assertThat(probe.probe())
        .isEqualTo(
            new DeviceFacts(
                true, true, false, "/device:GPU:0: Cannot assign a device for operation Add"));
    assertThat(probe.choose(DeviceRequest.CUDA, false))
        .isEqualTo(
            DeviceChoice.cpu(
                "no GPU device visible to TensorFlow"
                    + " (/device:GPU:0: Cannot assign a device for operation Add)",
                true));
    assertThatThrownBy(() -> probe.choose(DeviceRequest.AUTO, true))
        .isExactlyInstanceOf(GpuUnavailableException.class)
        .hasMessageStartingWith(
            "a GPU is required but none is usable for device request auto:"
                + " no GPU device visible to TensorFlow");
  }

  @Test
  void cpuRequestProbesNothing() throws IOException {
    touch(standardDir, "libcuda.so.1");
    touch(standardDir, "libcudart.so.12");
    touch(standardDir, "libcudnn.so.9");
    DeviceProbe probe = gpuBuildProbe(Map.of(), VISIBLE);

    assertThat(probe.choose(DeviceRequest.CPU, false))
        .isEqualTo(DeviceChoice.cpu("requested cpu", false));
    assertThat(resourceLookups).hasValue(0);
    assertThat(gpuChecks).hasValue(0);
    assertThatThrownBy(() -> probe.choose(DeviceRequest.CPU, true))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingLinkerConfigDirectoryIsNotAnError() {
    DeviceProbe probe =
        new DeviceProbe(
            Map.of(),
            List.of(standardDir),
            root.resolve("no/such/dir"),
            "linux-x86_64",
            name -> true,
            () -> VISIBLE);

    assertThat(probe.librarySearchPath()).containsExactly(standardDir);
    assertThat(probe.probe().cudaLibrariesFound()).isFalse();
  }
}
