package org.losslandscape.models.device;

import java.util.Objects;

/**
 * Chooses the device from the request and the machine's facts. A pure function: it reads nothing
 * but its arguments, so every combination is tested without a GPU.
 */
public final class DeviceSelector {

  /** Reason of every GPU-less outcome when the jar holds the CPU-only TensorFlow natives. */
  public static final String NO_GPU_NATIVES = "no GPU natives in this jar (build with -Pgpu)";

  /** Prefix of the reason when the CUDA libraries were not found. */
  public static final String CUDA_NOT_FOUND = "CUDA libraries not found";

  /** Prefix of the reason when TensorFlow could not run an op on the GPU. */
  public static final String NO_VISIBLE_GPU = "no GPU device visible to TensorFlow";

  /** Reason of a CPU request. */
  public static final String REQUESTED_CPU = "requested cpu";

  /** Prefix of the reason when a GPU is used. */
  public static final String GPU_USABLE = "GPU usable";

  private DeviceSelector() {}

  /**
   * Chooses the device.
   *
   * <ul>
   *   <li>{@code cpu}: the CPU, reason "requested cpu"; the facts are not read.
   *   <li>{@code auto}: the GPU when natives, CUDA libraries and a visible GPU are all present,
   *       else the CPU with the first failing condition as the reason.
   *   <li>{@code cuda}: the same, but using the CPU is flagged as a fallback.
   * </ul>
   *
   * @param request what the user asked for
   * @param requireGpu true to fail instead of falling back to the CPU
   * @param facts what the machine offers (ignored for {@code cpu})
   * @return the choice
   * @throws IllegalArgumentException when {@code requireGpu} is combined with {@code cpu}
   * @throws GpuUnavailableException when {@code requireGpu} is set and no GPU is usable
   */
  public static DeviceChoice choose(DeviceRequest request, boolean requireGpu, DeviceFacts facts) {
    Objects.requireNonNull(request, "request");
    if (request == DeviceRequest.CPU) {
      if (requireGpu) {
        throw new IllegalArgumentException(
            "a GPU cannot be required when the CPU is requested: drop one of the two");
      }
      return DeviceChoice.cpu(REQUESTED_CPU, false);
    }
    Objects.requireNonNull(facts, "facts");
    String blocker = firstBlocker(facts);
    if (blocker == null) {
      return DeviceChoice.cuda(withDetail(GPU_USABLE, facts.detail()));
    }
    if (requireGpu) {
      throw new GpuUnavailableException(
          "a GPU is required but none is usable for device request "
              + request.label()
              + ": "
              + blocker);
    }
    return DeviceChoice.cpu(blocker, request == DeviceRequest.CUDA);
  }

  /** Returns the reason of the first condition that fails, in probe order, or null. */
  private static String firstBlocker(DeviceFacts facts) {
    if (!facts.gpuNativesPresent()) {
      return NO_GPU_NATIVES;
    }
    if (!facts.cudaLibrariesFound()) {
      return withDetail(CUDA_NOT_FOUND, facts.detail());
    }
    if (!facts.gpuVisible()) {
      return withDetail(NO_VISIBLE_GPU, facts.detail());
    }
    return null;
  }

  private static String withDetail(String reason, String detail) {
    return detail.isEmpty() ? reason : reason + " (" + detail + ")";
  }
}
