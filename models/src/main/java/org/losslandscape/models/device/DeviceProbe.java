package org.losslandscape.models.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;

/**
 * Gathers {@link DeviceFacts} on the running machine; the impure counterpart of {@link
 * DeviceSelector}. The checks run in order and stop at the first that fails, so a CPU-only jar or a
 * machine without CUDA never creates a GPU session:
 *
 * <ol>
 *   <li><b>GPU natives</b>: TensorFlow Java's native jar keeps its libraries under {@code
 *       org/tensorflow/internal/c_api/<platform>/}, and the CUDA build ({@code
 *       tensorflow-core-native} classifier {@code linux-x86_64-gpu}) under {@code <platform>-gpu/}.
 *       JavaCPP loads the {@code -gpu} directory first when both are on the classpath, so the JNI
 *       library in that directory means the GPU build is what runs.
 *   <li><b>CUDA libraries</b>: the GPU build ships no CUDA; TensorFlow 2.18 opens the driver
 *       ({@code libcuda.so.1}), the CUDA 12 runtime ({@code libcudart.so.12}) and cuDNN 9 ({@code
 *       libcudnn.so.9}) at run time. They are looked for in {@code LD_LIBRARY_PATH}, the
 *       directories listed in {@code /etc/ld.so.conf.d/*.conf} and {@link #STANDARD_LIBRARY_DIRS}.
 *       This is a cheap pre-check with a precise message; step 3 is the real verdict.
 *   <li><b>Visible GPU</b>: one tiny graph whose op is pinned to {@code /device:GPU:0}, run in a
 *       session with soft placement off, so it fails unless TensorFlow registered a GPU device.
 * </ol>
 */
public final class DeviceProbe {

  /** The CUDA libraries TensorFlow 2.18 needs and that are checked by name. */
  public static final List<String> REQUIRED_CUDA_LIBRARIES =
      List.of("libcuda.so.1", "libcudart.so.12", "libcudnn.so.9");

  /**
   * Where CUDA installations usually put these libraries: the toolkit, the NVIDIA container
   * runtime's mount points, the Debian/Ubuntu multiarch directories (driver and cuDNN packages) and
   * WSL2's driver directory.
   */
  public static final List<Path> STANDARD_LIBRARY_DIRS =
      Stream.of(
              "/usr/local/cuda/lib64",
              "/usr/local/cuda/targets/x86_64-linux/lib",
              "/usr/local/nvidia/lib64",
              "/usr/local/nvidia/lib",
              "/usr/lib/x86_64-linux-gnu",
              "/lib/x86_64-linux-gnu",
              "/usr/lib64",
              "/usr/lib",
              "/usr/lib/wsl/lib")
          .map(Path::of)
          .toList();

  private static final Path LD_SO_CONF_DIR = Path.of("/etc/ld.so.conf.d");
  private static final String NATIVES_ROOT = "org/tensorflow/internal/c_api/";
  private static final DeviceSpec GPU_0 =
      DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();

  private final Map<String, String> env;
  private final List<Path> standardLibraryDirs;
  private final Path ldSoConfDir;
  private final String platform;
  private final Predicate<String> classpathHasResource;
  private final Supplier<GpuVisibility> gpuCheck;

  /** Outcome of the visible-GPU check. */
  record GpuVisibility(boolean visible, String detail) {}

  /** Where each required CUDA library was found, which are missing, and what was searched. */
  record LibrarySearch(
      Map<String, Path> found,
      List<String> missing,
      List<Path> otherVersions,
      List<Path> searched) {

    boolean allFound() {
      return missing.isEmpty();
    }

    String describe() {
      if (allFound()) {
        return found.entrySet().stream()
            .map(e -> e.getKey() + " in " + e.getValue())
            .collect(Collectors.joining(", "));
      }
      StringBuilder text = new StringBuilder("missing ").append(String.join(", ", missing));
      if (!otherVersions.isEmpty()) {
        text.append("; other versions, unusable by TensorFlow 2.18: ")
            .append(otherVersions.stream().map(Path::toString).collect(Collectors.joining(", ")));
      }
      return text.append("; searched ")
          .append(searched.stream().map(Path::toString).collect(Collectors.joining(":")))
          .append("; install the NVIDIA driver, CUDA 12 and cuDNN 9 or set LD_LIBRARY_PATH")
          .toString();
    }
  }

  DeviceProbe(
      Map<String, String> env,
      List<Path> standardLibraryDirs,
      Path ldSoConfDir,
      String platform,
      Predicate<String> classpathHasResource,
      Supplier<GpuVisibility> gpuCheck) {
    this.env = Map.copyOf(env);
    this.standardLibraryDirs = List.copyOf(standardLibraryDirs);
    this.ldSoConfDir = Objects.requireNonNull(ldSoConfDir, "ldSoConfDir");
    this.platform = Objects.requireNonNull(platform, "platform");
    this.classpathHasResource =
        Objects.requireNonNull(classpathHasResource, "classpathHasResource");
    this.gpuCheck = Objects.requireNonNull(gpuCheck, "gpuCheck");
  }

  /**
   * Returns a probe of this JVM's classpath, environment and file system.
   *
   * @return the probe
   */
  public static DeviceProbe forThisMachine() {
    ClassLoader loader = DeviceProbe.class.getClassLoader();
    return new DeviceProbe(
        System.getenv(),
        STANDARD_LIBRARY_DIRS,
        LD_SO_CONF_DIR,
        Loader.getPlatform(),
        name -> loader.getResource(name) != null,
        () -> runPinnedTestOp(GPU_0));
  }

  /**
   * Probes the CUDA path on a {@code --device cuda} or {@code auto} request and chooses; a {@code
   * cpu} request is decided without probing, so it never touches the GPU.
   *
   * @param request what the user asked for
   * @param requireGpu true to fail instead of falling back to the CPU
   * @return the choice
   * @throws IllegalArgumentException when {@code requireGpu} is combined with {@code cpu}
   * @throws GpuUnavailableException when {@code requireGpu} is set and no GPU is usable
   */
  public DeviceChoice choose(DeviceRequest request, boolean requireGpu) {
    DeviceFacts facts =
        request == DeviceRequest.CPU
            ? new DeviceFacts(false, false, false, "not probed: cpu requested")
            : probe();
    return DeviceSelector.choose(request, requireGpu, facts);
  }

  /**
   * Runs the checks in order, stopping at the first that fails.
   *
   * @return the facts; {@code detail} explains the first failure or what was found
   */
  public DeviceFacts probe() {
    String gpuNatives = gpuNativesResource();
    if (!classpathHasResource.test(gpuNatives)) {
      return new DeviceFacts(
          false,
          false,
          false,
          "CPU-only TensorFlow natives: no " + gpuNatives + " on the classpath");
    }
    LibrarySearch libraries = searchCudaLibraries();
    if (!libraries.allFound()) {
      return new DeviceFacts(true, false, false, libraries.describe());
    }
    GpuVisibility gpu = gpuCheck.get();
    return new DeviceFacts(true, true, gpu.visible(), gpu.detail());
  }

  /** The JNI library of the GPU build for this platform, as a classpath resource name. */
  String gpuNativesResource() {
    return NATIVES_ROOT + platform + "-gpu/" + System.mapLibraryName("jnitensorflow");
  }

  /** Looks for each required CUDA library, first hit wins, in search order. */
  LibrarySearch searchCudaLibraries() {
    List<Path> dirs = librarySearchPath();
    Map<String, Path> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    Map<Path, Path> otherVersions = new LinkedHashMap<>(); // real file -> first path seen
    for (String library : REQUIRED_CUDA_LIBRARIES) {
      dirs.stream()
          .filter(dir -> Files.exists(dir.resolve(library)))
          .findFirst()
          .ifPresentOrElse(dir -> found.put(library, dir), () -> missing.add(library));
    }
    for (String library : missing) {
      // "libcudart.so.12" -> "libcudart.so.": a different major version is a common, confusing case
      String stem = library.substring(0, library.indexOf(".so.") + ".so.".length());
      for (Path dir : dirs) {
        // Toolkits reach one file through several symlinked directories; name it once.
        filesStartingWith(dir, stem)
            .forEach(file -> otherVersions.putIfAbsent(realPath(file), file));
      }
    }
    // Insertion order is search order, which the message keeps.
    return new LibrarySearch(
        Collections.unmodifiableMap(found),
        List.copyOf(missing),
        List.copyOf(otherVersions.values()),
        dirs);
  }

  /**
   * LD_LIBRARY_PATH first (the dynamic linker's order), then ld.so.conf.d, then the usual places.
   */
  List<Path> librarySearchPath() {
    Set<Path> dirs = new LinkedHashSet<>();
    String ldLibraryPath = env.getOrDefault("LD_LIBRARY_PATH", "");
    for (String entry : ldLibraryPath.split(":")) {
      if (!entry.isBlank()) {
        dirs.add(Path.of(entry.strip()));
      }
    }
    dirs.addAll(ldSoConfDirectories());
    dirs.addAll(standardLibraryDirs);
    return List.copyOf(dirs);
  }

  /** Plain directory lines of {@code *.conf}; comments and {@code include} lines are skipped. */
  private List<Path> ldSoConfDirectories() {
    if (!Files.isDirectory(ldSoConfDir)) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> confs = Files.newDirectoryStream(ldSoConfDir, "*.conf")) {
      List<Path> sorted = new ArrayList<>();
      confs.forEach(sorted::add);
      sorted.sort(null); // ldconfig reads them in name order
      for (Path conf : sorted) {
        for (String line : Files.readAllLines(conf)) {
          String entry = line.strip();
          if (entry.startsWith("/")) {
            dirs.add(Path.of(entry));
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // An unreadable linker config must not stop a run; the standard directories still apply.
      return dirs;
    }
    return dirs;
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file; // dangling link: keep it distinct rather than drop the hint
    }
  }

  private static List<Path> filesStartingWith(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
      List<Path> matches = new ArrayList<>();
      entries.forEach(matches::add);
      matches.sort(null);
      return matches;
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // only feeds a hint in the message
    }
  }

  /**
   * Runs one float add pinned to {@code device} with soft placement off.
   *
   * @param device where to pin the op
   * @return visible when the op ran and returned 3; otherwise TensorFlow's message, first line
   */
  static GpuVisibility runPinnedTestOp(DeviceSpec device) {
    ConfigProto strict =
        ConfigProto.newBuilder()
            .setAllowSoftPlacement(false)
            // Same as ExecutionSettings.sessionConfig(): TensorFlow fixes GPU memory options per
            // process
            // at the first GPU session, and the probe must not grab the whole card.
            .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
            .build();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(device);
      Operand<TFloat32> sum = tf.math.add(tf.constant(1f), tf.constant(2f));
      try (Session session = new Session(graph, strict);
          Result result = session.runner().fetch(sum).run()) {
        float value = ((TFloat32) result.get(0)).getFloat();
        return value == 3f
            ? new GpuVisibility(true, device + " ran a test op")
            : new GpuVisibility(false, device + " ran a test op but returned " + value);
      }
    } catch (RuntimeException e) {
      // Placement failures arrive as TFInvalidArgumentException, which extends
      // IllegalArgumentException and not TensorFlowException; any failure means "not usable".
      return new GpuVisibility(
          false, device + ": " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no message";
    }
    return message.strip().lines().findFirst().orElse("").strip();
  }
}
