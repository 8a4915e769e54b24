package org.losslandscape.pipeline.config;

import java.util.Objects;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.training.SgdTrainer;

/**
 * Where TensorFlow runs and how: the device, its threads, and how many training steps one {@code
 * Session.run} does (a speed knob only: the weights are the same for any value).
 *
 * @param request the device asked for
 * @param requireGpu fail (exit 3) instead of falling back to the CPU
 * @param threads TensorFlow intra-op threads; 0 means one per core
 * @param stepsPerRun training steps per {@code Session.run}
 */
public record DeviceSettings(
    DeviceRequest request, boolean requireGpu, int threads, int stepsPerRun) {

  public DeviceSettings {
    Objects.requireNonNull(request, "request");
    if (requireGpu && request == DeviceRequest.CPU) {
      throw new IllegalArgumentException(
          "a GPU cannot be required when the CPU is requested: drop one of the two");
    }
    if (stepsPerRun < 1) {
      throw new IllegalArgumentException("steps per run must be >= 1, got " + stepsPerRun);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("the thread count must be >= 0, got " + threads);
    }
  }

  /** Auto device, no GPU required, one thread per core. */
  public static DeviceSettings defaults() {
    return new DeviceSettings(DeviceRequest.AUTO, false, 0, SgdTrainer.DEFAULT_STEPS_PER_RUN);
  }

  /** The intra-op thread count to use: {@link #threads()}, or the number of cores for 0. */
  public int intraOpThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}
