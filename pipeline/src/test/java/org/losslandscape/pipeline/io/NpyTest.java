package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  @TempDir Path folder;

  @Test
  void float32HeaderForShapeTwoByThreeIsExactlyWhatNumpyWrites() {
    byte[] encoded = Npy.encodeFloat32(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});

    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    // 10 prefix bytes + 59 dict chars + newline = 70, so 58 spaces reach the next multiple of 64.
    String header = dict + " ".repeat(58) + "\n";
    ByteBuffer expected = ByteBuffer.allocate(128 + 6 * 4).order(ByteOrder.LITTLE_ENDIAN);
    expected.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    expected.putShort((short) 118);
    expected.put(header.getBytes(StandardCharsets.US_ASCII));
    for (float value = 1; value <= 6; value++) {
      expected.putFloat(value);
    }
    assertThat(encoded).isEqualTo(expected.array());
  }

  @Test
  void oneDimensionalShapeIsWrittenWithTrailingComma() {
    assertThat(Npy.header("<i4", new int[] {7}))
        .startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (7,), }");
  }

  @Test
  void scalarShapeIsWrittenAsEmptyTuple() {
    assertThat(Npy.header("<f4", new int[0]))
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (), }");
  }

  @Test
  void dataAlwaysStartsAtAMultipleOf64AndHeaderEndsInNewline() {
    for (int rank = 0; rank <= 12; rank++) {
      int[] shape = new int[rank];
      Arrays.fill(shape, 1_000_000 / (rank + 1) + 1);
      String header = Npy.header("<f4", shape);
      assertThat((10 + header.length()) % 64).as("rank %d", rank).isZero();
      assertThat(header).endsWith("\n").doesNotContain("\n ");
    }
  }

  @Test
  void int32ArrayIsWrittenLittleEndianAfterTheHeader() {
    byte[] encoded = Npy.encodeInt32(new int[] {2}, new int[] {1, -2});

    // Any dict with these keys is longer than 54 characters, so the data starts at byte 128.
    ByteBuffer data = ByteBuffer.wrap(encoded, 128, 8).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(encoded).hasSize(136);
    assertThat(data.getInt()).isEqualTo(1);
    assertThat(data.getInt()).isEqualTo(-2);
  }

  @Test
  void writeThenReadGivesBackTheSameArray() {
    Path file = folder.resolve("out/grid.npy");
    float[] values = {0.5f, Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, 3e38f, Float.MIN_VALUE};

    Npy.writeFloat32(file, new int[] {3, 1, 2}, values);
    NpyArray.Float32 read = Npy.read(file).asFloat32();

    assertThat(read.shape()).containsExactly(3, 1, 2);
    assertThat(read.data()).containsExactly(values);
    assertThat(Float.floatToRawIntBits(read.data()[3])).isEqualTo(Float.floatToRawIntBits(-0.0f));
  }

  @Test
  void readsAnInt32FileAndRefusesToTreatItAsFloat() {
    Path file = folder.resolve("labels.npy");
    Npy.writeInt32(file, new int[] {4}, new int[] {9, 0, 3, Integer.MIN_VALUE});

    NpyArray read = Npy.read(file);

    assertThat(read)
        .isEqualTo(new NpyArray.Int32(new int[] {4}, new int[] {9, 0, 3, Integer.MIN_VALUE}));
    assertThat(read.dtype()).isEqualTo("<i4");
    assertThatThrownBy(read::asFloat32)
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("<i4");
  }

  @Test
  void acceptsNumpyStyleHeaderWithExtraPaddingAndOtherKeyOrder() {
    // numpy pads headers with spare spaces for growth; key order is not guaranteed by the format.
    String dict = "{'shape': (2,), 'fortran_order': False, 'descr': '<f4'}";
    String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
    ByteBuffer file = ByteBuffer.allocate(128 + 8).order(ByteOrder.LITTLE_ENDIAN);
    file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
        .putShort((short) header.length());
    file.put(header.getBytes(StandardCharsets.US_ASCII)).putFloat(1.5f).putFloat(-2f);

    NpyArray.Float32 read = Npy.decode(file.array(), "numpy.npy").asFloat32();

    assertThat(read.shape()).containsExactly(2);
    assertThat(read.data()).containsExactly(1.5f, -2f);
  }

  @Test
  void rejectsFileWithoutMagic() throws Exception {
    Path file = folder.resolve("not.npy");
    Files.writeString(file, "hello, this is text and not an array");

    assertThatThrownBy(() -> Npy.read(file))
        .isInstanceOf(ResultsException.class)
        .hasMessage(
            "Cannot read "
                + file
                + " as a .npy array: it does not start with the .npy magic bytes.");
  }

  @Test
  void rejectsUnknownVersion() {
    byte[] encoded = Npy.encodeFloat32(new int[] {1}, new float[] {1});
    encoded[6] = 4;

    assertThatThrownBy(() -> Npy.decode(encoded, "x.npy"))
        .hasMessageContaining("version 4.0 is not supported");
  }

  @Test
  void rejectsUnsupportedDtype() {
    byte[] encoded =
        withHeaderReplaced(Npy.encodeFloat32(new int[] {1}, new float[] {1}), "<f4", "<f8");

    assertThatThrownBy(() -> Npy.decode(encoded, "x.npy"))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("dtype '<f8' is not supported");
  }

  @Test
  void rejectsFortranOrder() {
    byte[] encoded =
        withHeaderReplaced(Npy.encodeFloat32(new int[] {1}, new float[] {1}), "False", "True ");

    assertThatThrownBy(() -> Npy.decode(encoded, "x.npy")).hasMessageContaining("Fortran order");
  }

  @Test
  void rejectsTruncatedData() {
    byte[] encoded = Npy.encodeFloat32(new int[] {2, 2}, new float[4]);

    assertThatThrownBy(() -> Npy.decode(Arrays.copyOf(encoded, encoded.length - 1), "x.npy"))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("needs 16 data bytes but the file has 15");
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] encoded = Npy.encodeInt32(new int[] {1}, new int[] {5});

    assertThatThrownBy(() -> Npy.decode(Arrays.copyOf(encoded, encoded.length + 4), "x.npy"))
        .hasMessageContaining("needs 4 data bytes but the file has 8");
  }

  @Test
  void rejectsHeaderLongerThanTheFile() {
    byte[] encoded = Npy.encodeInt32(new int[] {1}, new int[] {5});

    assertThatThrownBy(() -> Npy.decode(Arrays.copyOf(encoded, 40), "x.npy"))
        .hasMessageContaining("header claims 118 bytes but only 30 follow");
  }

  @Test
  void missingFileGivesOneLineMessage() {
    Path missing = folder.resolve("missing.npy");

    assertThatThrownBy(() -> Npy.read(missing))
        .isInstanceOf(ResultsException.class)
        .hasMessageStartingWith("Cannot read " + missing + ": no such file or folder")
        .hasMessageNotContaining("\n");
  }

  @Test
  void encoderRefusesDataThatDoesNotFillTheShape() {
    assertThatThrownBy(() -> Npy.encodeFloat32(new int[] {2, 3}, new float[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 6 elements but data has 5");
  }

  private static byte[] withHeaderReplaced(byte[] encoded, String from, String to) {
    String text = new String(encoded, StandardCharsets.ISO_8859_1).replace(from, to);
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
