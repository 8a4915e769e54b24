package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import org.losslandscape.pipeline.data.DataException;

/**
 * The TFRecord reader's laws, with the test writer (itself checked against TensorFlow's files in
 * {@link TfRecordReaderTest}): whatever records are written come back; any single damaged byte is
 * reported with the record it sits in (CRC-32C catches every error burst up to 32 bits, so no flip
 * can pass); a file cut anywhere keeps its whole records and reports the cut one.
 */
class TfRecordReaderPropertiesTest {

  private final List<Path> written = new ArrayList<>();

  private Path write(byte[] content) throws IOException {
    Path path = Files.createTempFile("tfrecord-property", ".tfrecord");
    written.add(path);
    return Files.write(path, content);
  }

  @AfterProperty
  void deleteFiles() throws IOException {
    for (Path p : written) {
      Files.deleteIfExists(p);
    }
    written.clear();
  }

  @Property(tries = 200)
  void whatIsWrittenIsRead(@ForAll("recordLists") List<byte[]> records) throws IOException {
    Path path = write(TfRecordWriter.encode(records));
    List<byte[]> read = TfRecordReader.readAll(path);
    assertThat(read).hasSize(records.size());
    for (int i = 0; i < records.size(); i++) {
      assertThat(read.get(i)).isEqualTo(records.get(i));
    }
  }

  @Property(tries = 300)
  void anySingleDamagedByteIsFoundInItsRecord(
      @ForAll("recordLists") @Size(min = 1) List<byte[]> records,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip)
      throws IOException {
    byte[] file = TfRecordWriter.encode(records);
    int at = position % file.length;
    file[at] ^= (byte) flip;
    Path path = write(file);
    int record = recordHolding(records, at);
    assertThatThrownBy(() -> TfRecordReader.readAll(path))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContaining("record " + record + " ")
        .hasMessageNotContaining("\n");
  }

  @Property(tries = 200)
  void aCutFileKeepsItsWholeRecordsAndReportsTheCutOne(
      @ForAll("recordLists") @Size(min = 1) List<byte[]> records,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position)
      throws IOException {
    byte[] whole = TfRecordWriter.encode(records);
    int cut = position % whole.length;
    Path path = write(java.util.Arrays.copyOf(whole, cut));
    long[] offsets = TfRecordWriter.recordOffsets(records);
    int record = recordHolding(records, cut);
    if (offsets[record] == cut) {
      assertThat(TfRecordReader.readAll(path)).hasSize(record);
    } else {
      assertThatThrownBy(() -> TfRecordReader.readAll(path))
          .isInstanceOf(DataException.class)
          .hasMessageContaining(path.toString())
          .hasMessageContaining("record " + record + " ");
    }
  }

  private static int recordHolding(List<byte[]> records, long position) {
    long[] offsets = TfRecordWriter.recordOffsets(records);
    int record = 0;
    while (record + 1 < offsets.length - 1 && offsets[record + 1] <= position) {
      record++;
    }
    return record;
  }

  @Provide
  Arbitrary<List<byte[]>> recordLists() {
    Arbitrary<byte[]> record = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(200);
    return record.list().ofMinSize(0).ofMaxSize(6);
  }
}
