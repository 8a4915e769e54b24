package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.config.ArrayLayout;
import org.losslandscape.pipeline.config.DataSettings.Source.NpyArrays;
import org.losslandscape.pipeline.io.FuzzInputs;

/**
 * Fuzzes the npy data set loader {@link NpyDataSet#load}: arrays built from the input either load
 * as two consistent splits or fail with a one-line {@link DataException} naming something in the
 * folder.
 *
 * <p>Input layout: one flag byte, then up to four {@code .npy} files (training images, training
 * labels, test images, test labels) joined by {@link FuzzInputs#SEPARATOR}. Flag bit 0 reads the
 * images as NCHW, bit 1 passes all four files (else only the first two, which are then split); a
 * missing part is a missing file.
 */
class NpyDataSetFuzzTest {

  private static final List<String> NAMES =
      List.of("train-images.npy", "train-labels.npy", "test-images.npy", "test-labels.npy");

  @TempDir Path folder;

  private int run;

  @FuzzTest
  void arrays(byte[] input) throws Exception {
    Path dataDir = folder.resolve("run-" + run++);
    Files.createDirectories(dataDir);
    try {
      NpyArrays arrays = writeFiles(dataDir, input);
      FuzzInputs.withinAllocationBudget(FuzzInputs.ALLOCATION_BUDGET_BYTES, () -> load(arrays));
    } finally {
      FuzzInputs.deleteRecursively(dataDir);
    }
  }

  private static void load(NpyArrays arrays) {
    try {
      ImageDataSet data = NpyDataSet.load(arrays);
      for (LabeledImages split : List.of(data.train(), data.test())) {
        assertThat(split.count()).isPositive();
        assertThat(split.pixels().length()).isEqualTo(split.count() * split.pixelsPerImage());
        assertThat(java.util.Arrays.stream(split.labels()).min().orElseThrow()).isNotNegative();
      }
      assertThat(data.train().shape()).isEqualTo(data.test().shape());
      assertThat(data.classes()).isGreaterThanOrEqualTo(2);
      assertThat(data.test().classes()).isLessThanOrEqualTo(data.classes());
      // Standardization either works or says in one line why not.
      try {
        float[] standardized = Standardization.fit(data.train()).apply(data.test());
        assertThat(standardized).hasSize(data.test().pixels().length());
      } catch (DataException e) {
        FuzzInputs.assertOneLineNaming(e, "pixels");
      }
    } catch (DataException e) {
      FuzzInputs.assertOneLineNaming(e, arrays.trainImages().getParent().toString());
    }
  }

  private static NpyArrays writeFiles(Path dataDir, byte[] input) throws IOException {
    int flags = input.length == 0 ? 0 : input[0];
    List<byte[]> parts =
        input.length == 0
            ? List.of()
            : FuzzInputs.split(java.util.Arrays.copyOfRange(input, 1, input.length));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      Path file = dataDir.resolve(NAMES.get(i));
      if (i < parts.size()) {
        Files.write(file, parts.get(i));
      }
      files.add(file);
    }
    ArrayLayout layout = (flags & 1) != 0 ? ArrayLayout.NCHW : ArrayLayout.NHWC;
    return NpyArrays.of((flags & 2) != 0 ? files : files.subList(0, 2), layout);
  }
}
