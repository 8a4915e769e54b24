package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.data.DataException;

/**
 * The TFRecord reader against files TensorFlow wrote, and on the edge cases of its framing (the
 * laws are in {@link TfRecordReaderPropertiesTest}).
 */
class TfRecordReaderTest {

  @TempDir Path folder;

  private static List<byte[]> pythonRecords() {
    JsonNode json = PgdlFixture.json(PgdlFixture.root().resolve("tfrecord/varied.json"));
    List<byte[]> records = new ArrayList<>();
    json.get("records").forEach(r -> records.add(Base64.getDecoder().decode(r.textValue())));
    return records;
  }

  @Test
  void readsTheRecordsTensorFlowWrote() {
    List<byte[]> expected = pythonRecords();
    List<byte[]> read =
        TfRecordReader.readAll(PgdlFixture.root().resolve("tfrecord/varied.tfrecord"));
    assertThat(read).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(read.get(i)).as("record %d", i).isEqualTo(expected.get(i));
    }
    assertThat(expected.stream().mapToInt(r -> r.length)).containsExactly(0, 1, 5, 300, 3000);
  }

  @Test
  void theTestWriterWritesTheBytesTensorFlowWrites() throws IOException {
    byte[] python = Files.readAllBytes(PgdlFixture.root().resolve("tfrecord/varied.tfrecord"));
    assertThat(TfRecordWriter.encode(pythonRecords())).isEqualTo(python);
  }

  @Test
  void anEmptyFileHoldsNoRecord() throws IOException {
    assertThat(TfRecordReader.readAll(Files.write(folder.resolve("empty.tfrecord"), new byte[0])))
        .isEmpty();
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = folder.resolve("shard_9.tfrecord");
    assertThatThrownBy(() -> TfRecordReader.readAll(missing))
        .isInstanceOf(DataException.class)
        .hasMessage("missing TFRecord file " + missing);
  }

  @Test
  void aHugeDeclaredLengthIsRefusedBeforeAllocating() throws IOException {
    byte[] file = TfRecordWriter.encode(List.of(new byte[] {1, 2, 3}));
    // A valid frame whose length says 2^40 bytes: the length CRC matches, the file is too short.
    byte[] length =
        java.nio.ByteBuffer.allocate(8)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putLong(1L << 40)
            .array();
    System.arraycopy(length, 0, file, 0, 8);
    int crc = TfRecordChecksum.masked(length, 0, 8);
    java.nio.ByteBuffer.wrap(file, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(crc);
    Path path = Files.write(folder.resolve("huge.tfrecord"), file);
    assertThatThrownBy(() -> TfRecordReader.readAll(path))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContaining("record 0 ")
        .hasMessageContaining("declares 1099511627776 bytes of data but the file has 3 left");
  }
}
