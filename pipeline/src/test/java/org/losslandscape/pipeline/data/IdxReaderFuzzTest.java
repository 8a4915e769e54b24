package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.io.FuzzInputs;

/**
 * Fuzzes the IDX readers through real files: any content must give images or labels that encode
 * back to exactly that content, or a one-line {@link DataException} naming the file. Any other
 * exception, an {@link OutOfMemoryError} or a hang is a finding.
 *
 * <p>Two targets per reader: one takes the fuzz input as the file (raw, or gzip if the input starts
 * with the gzip magic, as the seeds do), the other gzips the input first, because random mutations
 * of a gzip file almost only reach its checksum error and never the IDX parser behind it.
 */
class IdxReaderFuzzTest {

  @TempDir Path folder;

  @FuzzTest
  void images(byte[] file) throws Exception {
    Path path = write(file);
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES, () -> readImages(path, file));
  }

  private static void readImages(Path path, byte[] file) {
    try {
      IdxImages images = IdxReader.readImages(path);
      if (!isGzip(file)) {
        assertThat(IdxWriter.encodeImages(images)).isEqualTo(file);
      }
    } catch (DataException e) {
      FuzzInputs.assertOneLineNaming(e, path.toString());
    }
  }

  @FuzzTest
  void labels(byte[] file) throws Exception {
    Path path = write(file);
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES, () -> readLabels(path, file));
  }

  private static void readLabels(Path path, byte[] file) {
    try {
      IdxLabels labels = IdxReader.readLabels(path);
      if (!isGzip(file)) {
        assertThat(IdxWriter.encodeLabels(labels)).isEqualTo(file);
      }
    } catch (DataException e) {
      FuzzInputs.assertOneLineNaming(e, path.toString());
    }
  }

  @FuzzTest
  void imagesInsideGzip(byte[] content) throws Exception {
    Path path = write(IdxWriter.compress(content, IdxWriter.Compression.GZIP));
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES,
        () -> {
          try {
            assertThat(IdxWriter.encodeImages(IdxReader.readImages(path))).isEqualTo(content);
          } catch (DataException e) {
            FuzzInputs.assertOneLineNaming(e, path.toString());
          }
        });
  }

  @FuzzTest
  void labelsInsideGzip(byte[] content) throws Exception {
    Path path = write(IdxWriter.compress(content, IdxWriter.Compression.GZIP));
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES,
        () -> {
          try {
            assertThat(IdxWriter.encodeLabels(IdxReader.readLabels(path))).isEqualTo(content);
          } catch (DataException e) {
            FuzzInputs.assertOneLineNaming(e, path.toString());
          }
        });
  }

  private Path write(byte[] content) throws IOException {
    return Files.write(folder.resolve("input-idx-ubyte"), content);
  }

  private static boolean isGzip(byte[] file) {
    return file.length >= 2 && file[0] == (byte) 0x1f && file[1] == (byte) 0x8b;
  }
}
