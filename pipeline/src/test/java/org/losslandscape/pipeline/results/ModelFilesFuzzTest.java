package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.io.FuzzInputs;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Fuzzes {@link ModelFiles#read} (and, when that succeeds, {@link ModelFiles#readProvenance}, as
 * {@code landscape --weights} does) on model folders built from the input: a folder either reads as
 * finite parameters that write and read back unchanged, or fails with a one-line {@link
 * ResultsException} naming something in the folder.
 *
 * <p>Input layout: {@code model.json}, then the weight files in graph order ({@code dense0.kernel},
 * {@code dense0.bias}, {@code dense1.kernel}, ...), joined by {@link FuzzInputs#SEPARATOR}; parts
 * beyond what the input holds are missing files.
 */
class ModelFilesFuzzTest {

  /** Names for the weight parts; more layers than this are missing files, which is enough. */
  private static final int MAX_LAYERS = 8;

  @TempDir Path folder;

  private int run;

  @FuzzTest
  void folder(byte[] input) throws Exception {
    Path modelDir = folder.resolve("run-" + run++);
    Path copy = folder.resolve("copy-" + run);
    try {
      writeFolder(modelDir, FuzzInputs.split(input));
      FuzzInputs.withinAllocationBudget(
          FuzzInputs.ALLOCATION_BUDGET_BYTES, () -> readAndRewrite(modelDir, copy));
    } finally {
      FuzzInputs.deleteRecursively(modelDir);
      FuzzInputs.deleteRecursively(copy);
    }
  }

  private static void readAndRewrite(Path modelDir, Path copy) {
    Parameters parameters;
    try {
      parameters = ModelFiles.read(modelDir);
    } catch (ResultsException e) {
      FuzzInputs.assertOneLineNaming(e, modelDir.toString());
      return;
    }
    for (Parameter tensor : parameters.tensors()) {
      for (float value : tensor.values()) {
        assertThat(Float.isFinite(value)).isTrue();
      }
    }
    try {
      ModelFiles.readProvenance(modelDir);
    } catch (ResultsException e) {
      FuzzInputs.assertOneLineNaming(e, modelDir.toString());
    }
    ModelFiles.write(copy, parameters);
    assertThat(ModelFiles.read(copy)).isEqualTo(parameters);
  }

  private static void writeFolder(Path modelDir, List<byte[]> parts) throws IOException {
    Path weights = Files.createDirectories(modelDir.resolve(ModelFiles.WEIGHTS));
    Files.write(modelDir.resolve(ModelFiles.MODEL_JSON), parts.get(0));
    for (int i = 1; i < parts.size() && i <= 2 * MAX_LAYERS; i++) {
      int layer = (i - 1) / 2;
      String name = i % 2 == 1 ? "dense" + layer + ".kernel" : "dense" + layer + ".bias";
      Files.write(weights.resolve(name + ".npy"), parts.get(i));
    }
  }
}
