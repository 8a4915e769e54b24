package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the {@code .npy} reader: any bytes must decode to an array consistent with its shape, or
 * fail with a one-line {@link ResultsException}. Any other exception, an {@link OutOfMemoryError}
 * or a hang is a finding.
 *
 * <p>In a normal build this runs once per file in {@code NpyFuzzTestInputs/decode/} (seeds and past
 * findings); {@code .ci/fuzz} runs it with Jazzer for real.
 */
class NpyFuzzTest {

  private static final String NAME = "fuzz.npy";

  @FuzzTest
  void decode(byte[] file) throws Exception {
    FuzzInputs.withinAllocationBudget(FuzzInputs.ALLOCATION_BUDGET_BYTES, () -> check(file));
  }

  private static void check(byte[] file) {
    NpyArray.Float32 floats;
    try {
      floats = Npy.decodeFloat32(file, NAME);
    } catch (ResultsException e) {
      FuzzInputs.assertOneLineNaming(e, NAME);
      return;
    }
    assertThat(floats.size()).isEqualTo(sizeOf(floats.shape()));

    // decode() reads the same file and agrees with decodeFloat32() wherever it succeeds.
    NpyArray array;
    try {
      array = Npy.decode(file, NAME);
    } catch (ResultsException e) {
      assertThat(e.getMessage()).contains("does not fit in int32");
      FuzzInputs.assertOneLineNaming(e, NAME);
      return;
    }
    assertThat(array.shape()).isEqualTo(floats.shape());
    if (array instanceof NpyArray.Float32 same) {
      assertThat(same).isEqualTo(floats);
    } else {
      int[] ints = array.asInt32().data();
      for (int i = 0; i < ints.length; i++) {
        assertThat((float) ints[i]).isEqualTo(floats.data()[i]);
      }
    }

    // What was read writes back and reads again unchanged.
    byte[] written = Npy.encodeFloat32(floats.shape(), floats.data());
    assertThat(Npy.decodeFloat32(written, NAME)).isEqualTo(floats);
  }

  private static long sizeOf(int[] shape) {
    long size = 1;
    for (int dimension : shape) {
      size *= dimension;
    }
    return size;
  }
}
