package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.FuzzInputs;

/**
 * Fuzzes the TFRecord reader and the PGDL example decoding behind it through real files: any
 * content is either read (and, for the framing, encodes back to exactly that content; for examples,
 * gives one image of one shape and a label per record) or fails with a one-line {@link
 * DataException} naming the file. Any other exception, an {@link OutOfMemoryError}, an allocation
 * far beyond the input's size or a hang is a finding.
 */
class TfRecordReaderFuzzTest {

  @TempDir Path folder;

  @FuzzTest
  void records(byte[] file) throws Exception {
    Path path = write(file);
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES,
        () -> {
          try {
            List<byte[]> records = TfRecordReader.readAll(path);
            assertThat(TfRecordWriter.encode(records)).isEqualTo(file);
          } catch (DataException e) {
            FuzzInputs.assertOneLineNaming(e, path.toString());
          }
        });
  }

  /**
   * The input is the records' data joined by {@link FuzzInputs#SEPARATOR}, framed here with valid
   * checksums: random bytes as a whole file almost never get past the first checksum, so this is
   * how mutations reach the {@code tf.train.Example} and tensor decoding.
   */
  @FuzzTest
  void examples(byte[] records) throws Exception {
    List<byte[]> parts = FuzzInputs.split(records);
    Path path = write(TfRecordWriter.encode(parts));
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES,
        () -> {
          try {
            PgdlDataset data = PgdlDataset.read(List.of(path), Optional.empty());
            assertThat(data.data().count()).isEqualTo(parts.size());
            assertThat(data.data().features()).hasSize(parts.size() * data.inputShape().size());
            assertThat(
                    java.util.Arrays.stream(data.data().labels())
                        .allMatch(l -> l >= 0 && l < data.classCount()))
                .isTrue();
          } catch (DataException e) {
            FuzzInputs.assertOneLineNaming(e, path.toString());
          }
        });
  }

  private Path write(byte[] content) throws IOException {
    return Files.write(folder.resolve("shard_0.tfrecord"), content);
  }
}
