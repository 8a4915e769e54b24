package org.losslandscape.models.device;

import java.util.Objects;

/**
 * What the machine offers for running TensorFlow on a GPU, as gathered by {@link DeviceProbe}.
 *
 * <p>The three conditions are checked in this order and the probe stops at the first that fails, so
 * {@code detail} explains that failure (or, when all hold, what was found). Line breaks and runs of
 * blanks in {@code detail} are collapsed to single spaces because it ends up in one-line log
 * messages and in {@code summary.json}.
 *
 * @param gpuNativesPresent the TensorFlow natives on the classpath are the CUDA build ({@code
 *     tensorflow-core-native} classifier {@code linux-x86_64-gpu})
 * @param cudaLibrariesFound the CUDA driver, CUDA 12 runtime and cuDNN 9 libraries were found
 * @param gpuVisible TensorFlow ran a test op pinned to {@code /device:GPU:0}
 * @param detail one-line explanation, never null
 */
public record DeviceFacts(
    boolean gpuNativesPresent, boolean cudaLibrariesFound, boolean gpuVisible, String detail) {

  /** Normalises {@code detail} to a single line. */
  public DeviceFacts {
    detail = Objects.requireNonNull(detail, "detail").strip().replaceAll("\\s+", " ");
  }
}
