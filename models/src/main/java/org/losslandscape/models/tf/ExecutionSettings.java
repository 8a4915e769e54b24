package org.losslandscape.models.tf;

import java.util.Objects;
import org.losslandscape.models.device.Device;
import org.losslandscape.models.device.DeviceChoice;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Where and how TensorFlow runs: the device every op of our graphs is pinned to, and the thread
 * pools of the session.
 *
 * <p>Soft placement stays on so that the few ops without a GPU kernel fall back to the CPU one by
 * one instead of failing the whole graph; everything else is placed on {@link #deviceSpec()}.
 *
 * @param device the device every op is pinned to
 * @param intraOpThreads threads inside one op (0 lets TensorFlow choose)
 * @param interOpThreads ops run concurrently (0 lets TensorFlow choose)
 */
public record ExecutionSettings(Device device, int intraOpThreads, int interOpThreads) {

  /** Settings for the device {@code choice} picked, with the given thread pools. */
  public static ExecutionSettings on(DeviceChoice choice, int intraOpThreads, int interOpThreads) {
    return new ExecutionSettings(choice.device(), intraOpThreads, interOpThreads);
  }

  /** Default CPU settings: one intra-op thread per core, one inter-op thread pool of 1. */
  public static ExecutionSettings cpu() {
    return new ExecutionSettings(Device.CPU, Runtime.getRuntime().availableProcessors(), 1);
  }

  public ExecutionSettings {
    Objects.requireNonNull(device, "device");
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException("thread counts must be >= 0");
    }
  }

  /** These settings with {@code threads} intra-op threads. */
  public ExecutionSettings withIntraOpThreads(int threads) {
    return new ExecutionSettings(device, threads, interOpThreads);
  }

  /** The TensorFlow device string every op is placed on, e.g. {@code /device:GPU:0}. */
  public String deviceSpec() {
    return device.tfDeviceSpec();
  }

  /** An op builder on {@code graph} whose ops are all placed on the chosen device. */
  public Ops ops(Graph graph) {
    return Ops.create(graph).withDevice(device.spec());
  }

  /** A new session on {@code graph} with these settings; the caller closes it. */
  public Session openSession(Graph graph) {
    return new Session(graph, sessionConfig());
  }

  /** The session configuration these settings stand for. */
  public ConfigProto sessionConfig() {
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(interOpThreads)
            // Each session its own inter-op pool: TensorFlow's default is one pool for the whole
            // process, sized by the first session, and with one thread there two sessions running
            // at once (training lanes, sweep tasks) took turns instead of running side by side.
            .setUsePerSessionThreads(true)
            .setAllowSoftPlacement(true)
            .setLogDevicePlacement(false)
            .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true).build());
    if (device == Device.CPU) {
      // With the GPU natives on a GPU machine, a CPU run must not claim GPU memory either.
      config.putDeviceCount("GPU", 0);
    }
    return config.build();
  }
}
