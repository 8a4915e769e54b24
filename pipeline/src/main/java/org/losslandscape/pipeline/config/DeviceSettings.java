package org.losslandscape.pipeline.config;

import java.util.Objects;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.StackPlan;

/**
 * Where TensorFlow runs and how: the device, its threads, and how many training steps one {@code
 * Session.run} does (a speed knob only: the weights are the same for any value).
 *
 * @param request the device asked for
 * @param requireGpu fail (exit 3) instead of falling back to the CPU
 * @param threads TensorFlow intra-op threads of every session; 0 means the cores shared out between
 *     the lanes
 * @param stepsPerRun training steps per {@code Session.run}
 * @param lanes stacks of models trained at once; 0 means one per core on the CPU, one on a GPU
 * @param maxStack the most models trained in one graph; 0 means as many as memory allows, at most
 *     {@link StackPlan#DEFAULT_MAX_STACK}
 */
public record DeviceSettings(
    DeviceRequest request,
    boolean requireGpu,
    int threads,
    int stepsPerRun,
    int lanes,
    int maxStack) {

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
    if (lanes < 0) {
      throw new IllegalArgumentException(
          "training lanes must be >= 0 (0 = automatic), got " + lanes);
    }
    if (maxStack < 0) {
      throw new IllegalArgumentException(
          "the stack size must be >= 0 (0 = as memory allows), got " + maxStack);
    }
  }

  /** Auto device, no GPU required, threads, lanes and stack sizes automatic. */
  public static DeviceSettings defaults() {
    return new DeviceSettings(DeviceRequest.AUTO, false, 0, SgdTrainer.DEFAULT_STEPS_PER_RUN, 0, 0);
  }

  /** This device with {@code newThreads} intra-op threads (a sweep task's share of the cores). */
  public DeviceSettings withThreads(int newThreads) {
    return new DeviceSettings(request, requireGpu, newThreads, stepsPerRun, lanes, maxStack);
  }
}
