package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.io.FuzzInputs;

/**
 * Fuzzes the four-file IDX loader {@link IdxDataSet#load}: a folder built from the input either
 * loads as two consistent splits or fails with a one-line {@link DataException} naming something in
 * the folder.
 *
 * <p>Input layout: one flag byte, then up to four files (train images, train labels, test images,
 * test labels) joined by {@link FuzzInputs#SEPARATOR}. Bit {@code i} of the flag byte stores file
 * {@code i} gzip-compressed as {@code NAME.gz}; a missing part is a missing file.
 */
class FashionMnistFuzzTest {

  @TempDir Path folder;

  private int run;

  @FuzzTest
  void folder(byte[] input) throws Exception {
    Path dataDir = folder.resolve("run-" + run++);
    Files.createDirectories(dataDir);
    try {
      writeFiles(dataDir, input);
      FuzzInputs.withinAllocationBudget(FuzzInputs.ALLOCATION_BUDGET_BYTES, () -> load(dataDir));
    } finally {
      FuzzInputs.deleteRecursively(dataDir);
    }
  }

  private static void load(Path dataDir) {
    try {
      ImageDataSet data = IdxDataSet.load(dataDir, dataDir + " (--data-dir)");
      for (LabeledImages split : List.of(data.train(), data.test())) {
        assertThat(split.labels()).hasSize(split.count());
        assertThat(split.pixels().length()).isEqualTo(split.count() * split.pixelsPerImage());
      }
      assertThat(data.train().shape()).isEqualTo(data.test().shape());
      assertThat(data.test().classes()).isLessThanOrEqualTo(data.classes());
    } catch (DataException e) {
      FuzzInputs.assertOneLineNaming(e, dataDir.toString());
    }
  }

  private static void writeFiles(Path dataDir, byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    int flags = input[0];
    List<byte[]> parts = FuzzInputs.split(java.util.Arrays.copyOfRange(input, 1, input.length));
    for (int i = 0; i < Math.min(parts.size(), FashionMnistFiles.STANDARD_NAMES.size()); i++) {
      String name = FashionMnistFiles.STANDARD_NAMES.get(i);
      boolean gzip = (flags & (1 << i)) != 0;
      Files.write(
          dataDir.resolve(gzip ? name + ".gz" : name),
          IdxWriter.compress(
              parts.get(i), gzip ? IdxWriter.Compression.GZIP : IdxWriter.Compression.NONE));
    }
  }
}
