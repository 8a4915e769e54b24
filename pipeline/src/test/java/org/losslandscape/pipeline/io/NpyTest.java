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
  void refusesComplexDtypeNamingIt() {
    byte[] encoded =
        withHeaderReplaced(Npy.encodeFloat32(new int[] {1}, new float[] {1}), "<f4", "<c8");

    assertThatThrownBy(() -> Npy.decode(encoded, "x.npy"))
        .isInstanceOf(ResultsException.class)
        .hasMessage(
            "Cannot read x.npy as a .npy array: its dtype '<c8' is complex, not a real number.");
  }

  @Test
  void readsFortranOrderIntoCOrder() {
    // [[0, 1, 2], [3, 4, 5]] stored column after column, as np.save writes a transposed array.
    byte[] encoded =
        withHeaderReplaced(
            Npy.encodeFloat32(new int[] {2, 3}, new float[] {0, 3, 1, 4, 2, 5}), "False", "True ");

    NpyArray.Float32 read = Npy.decodeFloat32(encoded, "x.npy");

    assertThat(read.shape()).containsExactly(2, 3);
    assertThat(read.data()).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void readsBigEndianFloat64RoundingToNearestFloat32() {
    String header = "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }\n";
    ByteBuffer file = prefix(header, 3 * 8).order(ByteOrder.BIG_ENDIAN);
    file.putDouble(0.1).putDouble(-1e300).putDouble(0x1p-149);

    float[] read = Npy.decodeFloat32(file.array(), "x.npy").data();

    assertThat(read).containsExactly(0.1f, Float.NEGATIVE_INFINITY, Float.MIN_VALUE);
  }

  @Test
  void readsIntegersAsInt32OrAsRoundedFloat32() {
    String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n";
    ByteBuffer file = prefix(header, 16);
    file.putLong(-7).putLong(16_777_217);

    assertThat(Npy.decode(file.array(), "x.npy").asInt32().data()).containsExactly(-7, 16_777_217);
    assertThat(Npy.decodeFloat32(file.array(), "x.npy").data()).containsExactly(-7f, 16_777_216f);
  }

  @Test
  void refusesInt64ValueOutsideInt32WhenReadAsIntegers() {
    String header = "{'descr': '<u8', 'fortran_order': False, 'shape': (2,), }\n";
    ByteBuffer file = prefix(header, 16);
    file.putLong(1).putLong(-1);

    assertThatThrownBy(() -> Npy.decode(file.array(), "x.npy"))
        .hasMessage(
            "Cannot read x.npy as a .npy array: its uint64 value 18446744073709551615 at C-order"
                + " position 1 does not fit in int32.");
    assertThat(Npy.decodeFloat32(file.array(), "x.npy").data()).containsExactly(1f, 0x1p64f);
  }

  @Test
  void readsVersionTwoAndThreeHeaders() {
    for (int version : new int[] {2, 3}) {
      String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n";
      byte[] text = header.getBytes(StandardCharsets.UTF_8);
      ByteBuffer file = ByteBuffer.allocate(12 + text.length + 4).order(ByteOrder.LITTLE_ENDIAN);
      file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
      file.putInt(text.length).put(text).putFloat(2.5f);

      assertThat(Npy.decodeFloat32(file.array(), "x.npy").data()).containsExactly(2.5f);
    }
  }

  @Test
  void malformedHeadersAreRefusedSayingWhatIsWrong() {
    assertThat(headerError("[1, 2]")).isEqualTo("its header is a list literal, not a dict");
    assertThat(headerError("{'fortran_order': False, 'shape': (1,)}"))
        .isEqualTo("its header's descr is missing, not a dtype string such as '<f4'");
    assertThat(headerError("{'descr': '<f4', 'fortran_order': 'no', 'shape': (1,)}"))
        .isEqualTo("its header's fortran_order is a str ('no'), not True or False");
    assertThat(headerError("{'descr': '<f4', 'fortran_order': False, 'shape': (1)}"))
        .isEqualTo("its header's shape is an int (1), not a tuple of integers");
    assertThat(headerError("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}"))
        .isEqualTo("its shape's dimension 0 is negative (-1)");
    assertThat(headerError("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,)}"))
        .isEqualTo("its shape's dimension 0 (4294967296) is larger than a Java array can hold");
    assertThat(headerError("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536)}"))
        .isEqualTo(
            "its shape [65536, 65536] declares 4294967296 elements, more than a Java array can"
                + " hold");
    assertThat(
            headerError(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (" + "1, ".repeat(65) + ")}"))
        .isEqualTo("its shape has 65 dimensions, more than numpy's limit of 64");
    assertThat(
            headerError("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'shape': (2,)}"))
        .startsWith("its header is not a Python dict literal: key 'shape' appears twice");
    assertThat(headerError("{'descr': '<f4' 'fortran_order': False}"))
        .startsWith("its header is not a Python dict literal: expected ',' or '}' in a dict");
  }

  /** Found by fuzzing: a carriage return inside a key was quoted into the message. */
  @Test
  void controlCharactersQuotedFromTheHeaderDoNotBreakTheMessageLine() {
    assertThat(headerError("{'des\r\u0085cr' '<f4'}"))
        .isEqualTo(
            "its header is not a Python dict literal: expected ':' after key 'des??cr' at"
                + " character 11");
  }

  @Test
  void aShapeThatDoesNotMatchTheDataIsRefusedBeforeAllocating() {
    // Two billion declared elements, eight bytes of data: refused by comparing with the file size.
    assertThat(
            headerError(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2000000000,)}", new byte[8]))
        .isEqualTo("shape [2000000000] of float32 needs 8000000000 data bytes but the file has 8");
  }

  @Test
  void aFolderGivenAsFileIsAOneLineError() {
    assertThatThrownBy(() -> Npy.read(folder))
        .isInstanceOf(ResultsException.class)
        .hasMessage("Cannot read " + folder + ": it is not a regular file.");
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

  /** The reason in the message for a file with this header (padded and ended by a newline). */
  private static String headerError(String dict) {
    return headerError(dict, new byte[4]);
  }

  private static String headerError(String dict, byte[] data) {
    ByteBuffer file = prefix(dict + "\n", data.length);
    file.put(data);
    try {
      Npy.decode(file.array(), "x.npy");
    } catch (ResultsException e) {
      assertThat(e.getMessage()).startsWith("Cannot read x.npy as a .npy array: ").endsWith(".");
      assertThat(e.getMessage()).doesNotContain("\n");
      String reason = e.getMessage().substring("Cannot read x.npy as a .npy array: ".length());
      return reason.substring(0, reason.length() - 1);
    }
    throw new AssertionError("no error for header " + dict);
  }

  /** A version 1.0 file with {@code header}, positioned where {@code dataBytes} of data go. */
  private static ByteBuffer prefix(String header, int dataBytes) {
    byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer file =
        ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length);
    return file.put(text);
  }

  private static byte[] withHeaderReplaced(byte[] encoded, String from, String to) {
    String text = new String(encoded, StandardCharsets.ISO_8859_1).replace(from, to);
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
