package org.losslandscape.models.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Runs real graphs on this machine the way the pipeline will: ops placed with {@link
 * DeviceChoice#placeOps} and a session built from {@link DeviceChoice#sessionConfig()}.
 */
class DeviceChoiceTensorFlowTest {

  /** x [2,3] times w [3,2], built through the scoped Ops and through a raw opBuilder. */
  private static float[][] runSmallMatMul(DeviceChoice choice) {
    try (Graph graph = new Graph()) {
      Ops tf = choice.placeOps(Ops.create(graph));
      Operand<TFloat32> x = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
      Operand<TFloat32> w = tf.constant(new float[][] {{1, 0}, {0, 1}, {1, 1}});
      Operand<TFloat32> product = tf.linalg.matMul(x, w);
      // The pipeline builds BatchMatMulV2 this way; the scope must carry the device onto it too.
      Operation raw =
          graph
              .opBuilder("BatchMatMulV2", "rawProduct", tf.scope())
              .addInput(x.asOutput())
              .addInput(w.asOutput())
              .build();

      assertThat(((GraphOperation) product.op()).device()).isEqualTo(choice.tfDeviceSpec());
      assertThat(((GraphOperation) raw).device()).isEqualTo(choice.tfDeviceSpec());

      try (Session session = new Session(graph, choice.sessionConfig());
          Result result = session.runner().fetch(product).fetch(raw.output(0)).run()) {
        TFloat32 typed = (TFloat32) result.get(0);
        TFloat32 viaRaw = (TFloat32) result.get(1);
        assertThat(typed.shape()).isEqualTo(Shape.of(2, 2));
        float[][] fromRaw = StdArrays.array2dCopyOf(viaRaw);
        float[][] values = StdArrays.array2dCopyOf(typed);
        assertThat(fromRaw).isDeepEqualTo(values);
        return values;
      }
    }
  }

  @Test
  void graphPlacedOnTheCpuChoiceRuns() {
    float[][] product = runSmallMatMul(DeviceChoice.cpu("requested cpu", false));
    assertThat(product).isDeepEqualTo(new float[][] {{4, 5}, {10, 11}});
  }

  @Test
  void graphPlacedOnTheGpuSoftPlacesOntoTheCpuWhenNoGpuExists() {
    // No GPU here: with the choice's soft placement the GPU-pinned graph still runs (on the CPU),
    // which is the op-by-op fallback the config promises. The strict probe below fails instead.
    float[][] product = runSmallMatMul(DeviceChoice.cuda("GPU usable"));
    assertThat(product).isDeepEqualTo(new float[][] {{4, 5}, {10, 11}});
  }
}
