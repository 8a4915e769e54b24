package org.losslandscape.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslandscape.models.device.DeviceChoice;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Real graphs placed the way every evaluator and the trainer place them: ops through {@link
 * ExecutionSettings#ops}, raw ops through its scope, sessions from {@link
 * ExecutionSettings#openSession}.
 */
class ExecutionSettingsTest {

  /** x [2,3] times w [3,2], built through the scoped Ops and through a raw opBuilder. */
  private static float[][] runSmallMatMul(ExecutionSettings settings) {
    try (Graph graph = new Graph()) {
      Ops tf = settings.ops(graph);
      Operand<TFloat32> x = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
      Operand<TFloat32> w = tf.constant(new float[][] {{1, 0}, {0, 1}, {1, 1}});
      Operand<TFloat32> product = tf.linalg.matMul(x, w);
      // The evaluators build BatchMatMulV2 this way; the scope must carry the device onto it too.
      Operation raw =
          graph
              .opBuilder("BatchMatMulV2", "rawProduct", tf.scope())
              .addInput(x.asOutput())
              .addInput(w.asOutput())
              .build();
      assertThat(((GraphOperation) product.op()).device()).isEqualTo(settings.deviceSpec());
      assertThat(((GraphOperation) raw).device()).isEqualTo(settings.deviceSpec());

      try (Session session = settings.openSession(graph);
          Result result = session.runner().fetch(product).fetch(raw.output(0)).run()) {
        float[][] values = StdArrays.array2dCopyOf((TFloat32) result.get(0));
        assertThat(StdArrays.array2dCopyOf((TFloat32) result.get(1))).isDeepEqualTo(values);
        return values;
      }
    }
  }

  @Test
  void graphsPlacedOnTheCpuChoiceRun() {
    ExecutionSettings cpu = ExecutionSettings.on(DeviceChoice.cpu("requested cpu", false), 2, 1);
    assertThat(cpu.deviceSpec()).isEqualTo("/device:CPU:0");
    assertThat(runSmallMatMul(cpu)).isDeepEqualTo(new float[][] {{4, 5}, {10, 11}});
  }

  @Test
  void graphsPinnedToAMissingGpuSoftPlaceOntoTheCpu() {
    // No GPU here: soft placement runs the GPU-pinned graph on the CPU, op by op.
    ExecutionSettings gpu = ExecutionSettings.on(DeviceChoice.cuda("GPU usable"), 2, 1);
    assertThat(gpu.deviceSpec()).isEqualTo("/device:GPU:0");
    assertThat(runSmallMatMul(gpu)).isDeepEqualTo(new float[][] {{4, 5}, {10, 11}});
  }

  @Test
  void sessionConfigSoftPlacesGrowsGpuMemoryAndHidesGpusFromCpuRuns() {
    ConfigProto cpu =
        ExecutionSettings.on(DeviceChoice.cpu("requested cpu", false), 3, 1).sessionConfig();
    assertThat(cpu.getAllowSoftPlacement()).isTrue();
    assertThat(cpu.getLogDevicePlacement()).isFalse();
    assertThat(cpu.getGpuOptions().getAllowGrowth()).isTrue();
    assertThat(cpu.getDeviceCountMap()).containsEntry("GPU", 0);
    assertThat(cpu.getIntraOpParallelismThreads()).isEqualTo(3);
    assertThat(cpu.getInterOpParallelismThreads()).isEqualTo(1);

    ConfigProto cuda = ExecutionSettings.on(DeviceChoice.cuda("GPU usable"), 2, 1).sessionConfig();
    assertThat(cuda.getAllowSoftPlacement()).isTrue();
    assertThat(cuda.getGpuOptions().getAllowGrowth()).isTrue();
    assertThat(cuda.getDeviceCountMap()).doesNotContainKey("GPU");
  }
}
