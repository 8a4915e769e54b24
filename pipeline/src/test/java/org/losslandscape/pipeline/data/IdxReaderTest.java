package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdxReaderTest {

  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(IdxWriter.Compression.class)
  void readsBackWhatWasWritten(IdxWriter.Compression compression) {
    IdxImages images = TinyDataSets.images(7, 42);
    IdxLabels labels = TinyDataSets.labels(7);
    IdxWriter.writeImages(folder.resolve("images"), images, compression);
    IdxWriter.writeLabels(folder.resolve("labels"), labels, compression);

    IdxImages readImages = IdxReader.readImages(folder.resolve("images"));
    IdxLabels readLabels = IdxReader.readLabels(folder.resolve("labels"));

    assertThat(readImages.count()).isEqualTo(7);
    assertThat(readImages.rows()).isEqualTo(TinyDataSets.ROWS);
    assertThat(readImages.cols()).isEqualTo(TinyDataSets.COLS);
    assertThat(readImages.pixels()).isEqualTo(images.pixels());
    assertThat(readLabels.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void detectsGzipByContentNotByName() throws IOException {
    IdxImages images = TinyDataSets.images(2, 1);
    Path gzippedWithoutSuffix = folder.resolve("images-idx3-ubyte");
    Path rawWithGzSuffix = folder.resolve("images-idx3-ubyte.gz");
    IdxWriter.writeImages(gzippedWithoutSuffix, images, IdxWriter.Compression.GZIP);
    IdxWriter.writeImages(rawWithGzSuffix, images, IdxWriter.Compression.NONE);

    assertThat(Files.readAllBytes(gzippedWithoutSuffix)).startsWith((byte) 0x1f, (byte) 0x8b);
    assertThat(IdxReader.readImages(gzippedWithoutSuffix).pixels()).isEqualTo(images.pixels());
    assertThat(IdxReader.readImages(rawWithGzSuffix).pixels()).isEqualTo(images.pixels());
  }

  @Test
  void pixelsAreUnsignedBytes() {
    byte[] pixels = {0, (byte) 255, (byte) 128, 127};
    IdxWriter.writeImages(
        folder.resolve("i"), new IdxImages(1, 2, 2, pixels), IdxWriter.Compression.GZIP);

    byte[] read = IdxReader.readImages(folder.resolve("i")).pixels();

    assertThat(read).containsExactly(pixels);
    assertThat(Byte.toUnsignedInt(read[1])).isEqualTo(255);
  }

  @ParameterizedTest
  @EnumSource(IdxWriter.Compression.class)
  void truncatedImageFileNamesFileAndExpectedAndFoundBytes(IdxWriter.Compression compression)
      throws IOException {
    byte[] full = IdxWriter.encodeImages(TinyDataSets.images(5, 3));
    Path file = folder.resolve("truncated");
    Files.write(file, IdxWriter.compress(Arrays.copyOf(full, full.length - 10), compression));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessage(
            file
                + " is truncated: its header announces 5 images of 4x3 pixels (60 bytes after"
                + " the header) but only 50 bytes follow.");
  }

  @Test
  void truncatedLabelFileIsAnError() throws IOException {
    byte[] full = IdxWriter.encodeLabels(TinyDataSets.labels(9));
    Path file = folder.resolve("labels");
    Files.write(file, Arrays.copyOf(full, full.length - 1));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("announces 9 labels (9 bytes after the header) but only 8 bytes");
  }

  @ParameterizedTest
  @EnumSource(IdxWriter.Compression.class)
  void trailingGarbageIsAnError(IdxWriter.Compression compression) throws IOException {
    byte[] full = IdxWriter.encodeLabels(TinyDataSets.labels(4));
    Path file = folder.resolve("labels");
    Files.write(file, IdxWriter.compress(Arrays.copyOf(full, full.length + 3), compression));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " has 3 unexpected bytes after the 4 its header announces (4 labels).");
  }

  @Test
  void fileEndingInsideTheHeaderIsAnError() throws IOException {
    Path file = folder.resolve("short");
    Files.write(file, new byte[] {0, 0, 8, 3, 0, 0});

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " is truncated: it ends inside its IDX header.");
  }

  @Test
  void labelFileGivenAsImagesIsRejectedByMagic() {
    Path file = folder.resolve("labels");
    IdxWriter.writeLabels(file, TinyDataSets.labels(3), IdxWriter.Compression.GZIP);

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessage(
            file
                + " is not an IDX image file: magic number is 0x00000801, expected 0x00000803"
                + " ([n, h, w]) or 0x00000804 ([n, h, w, c]).");
  }

  @Test
  void nonPositiveDimensionIsAnError() throws IOException {
    Path file = folder.resolve("images");
    Files.write(
        file,
        ByteBuffer.allocate(16)
            .putInt(IdxReader.IMAGES_MAGIC)
            .putInt(1)
            .putInt(0)
            .putInt(3)
            .array());

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " has an invalid IDX header: row count is 0.");
  }

  /** Any data set may have more than Fashion-MNIST's ten classes (EMNIST has up to 62). */
  @Test
  void labelsAreUnsignedBytesOfAnyClassCount() throws IOException {
    Path file = folder.resolve("labels");
    Files.write(
        file,
        ByteBuffer.allocate(11)
            .putInt(IdxReader.LABELS_MAGIC)
            .putInt(3)
            .put(new byte[] {9, 0, (byte) 200})
            .array());

    IdxLabels labels = IdxReader.readLabels(file);

    assertThat(labels.count()).isEqualTo(3);
    assertThat(Byte.toUnsignedInt(labels.labels()[2])).isEqualTo(200);
  }

  @Test
  void rankFourImagesAreReadChannelsLastAndWrittenBackAsRankFour() {
    byte[] pixels = new byte[2 * 3 * 4 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    IdxImages images = new IdxImages(2, 3, 4, 3, pixels);
    Path file = folder.resolve("rgb");
    IdxWriter.writeImages(file, images, IdxWriter.Compression.GZIP);

    IdxImages read = IdxReader.readImages(file);

    assertThat(read.count()).isEqualTo(2);
    assertThat(read.rows()).isEqualTo(3);
    assertThat(read.cols()).isEqualTo(4);
    assertThat(read.channels()).isEqualTo(3);
    assertThat(read.pixels()).isEqualTo(pixels);
    byte[] raw = IdxWriter.encodeImages(images);
    assertThat(ByteBuffer.wrap(raw).getInt()).isEqualTo(IdxReader.CHANNEL_IMAGES_MAGIC);
    assertThat(raw).hasSize(20 + pixels.length);
  }

  @Test
  void rankFourHeaderWithAZeroChannelCountIsAnError() throws IOException {
    Path file = folder.resolve("rgb");
    Files.write(
        file,
        ByteBuffer.allocate(20)
            .putInt(IdxReader.CHANNEL_IMAGES_MAGIC)
            .putInt(1)
            .putInt(2)
            .putInt(2)
            .putInt(0)
            .array());

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " has an invalid IDX header: channel count is 0.");
  }

  @Test
  void corruptGzipIsAnErrorWithOneLineAdvice() throws IOException {
    byte[] gzipped =
        IdxWriter.compress(
            IdxWriter.encodeImages(TinyDataSets.images(50, 9)), IdxWriter.Compression.GZIP);
    Path file = folder.resolve("images.gz");
    Files.write(file, Arrays.copyOf(gzipped, gzipped.length / 2));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("Cannot read " + file)
        .hasMessageEndingWith("the file is damaged or not gzip/IDX; reinstall or re-download it.")
        .hasMessageNotContaining("\n");
  }

  @Test
  void missingFileIsAnError() {
    Path file = folder.resolve("nowhere.gz");

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " does not exist.");
  }

  @Test
  void aHeaderAnnouncingFarMoreThanARawFileHoldsIsRefusedBeforeReading() throws IOException {
    Path file = folder.resolve("images");
    Files.write(
        file,
        ByteBuffer.allocate(18)
            .putInt(IdxReader.IMAGES_MAGIC)
            .putInt(100_000_000)
            .putInt(4)
            .putInt(5)
            .array());

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessage(
            file
                + " is truncated: its header announces 100000000 images of 4x5 pixels (2000000000"
                + " bytes after the header) but only 2 bytes follow.");
  }

  @Test
  void aHeaderAnnouncingMoreThanAGzipFileCanUnpackToIsRefusedBeforeReading() throws IOException {
    byte[] header =
        ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(2_000_000_000).array();
    Path file = folder.resolve("labels.gz");
    Files.write(file, IdxWriter.compress(header, IdxWriter.Compression.GZIP));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(DataException.class)
        .hasMessage(
            file
                + " is truncated: its header announces 2000000000 labels (2000000000 bytes after"
                + " the header) but a gzip file of "
                + Files.size(file)
                + " bytes cannot unpack to that many.");
  }

  @Test
  void dimensionsWhoseProductOverflowsAreTooManyNotAWrappedSmallNumber() throws IOException {
    Path file = folder.resolve("images");
    Files.write(
        file,
        ByteBuffer.allocate(16)
            .putInt(IdxReader.IMAGES_MAGIC)
            .putInt(1 << 30)
            .putInt(1 << 30)
            .putInt(1 << 30)
            .array());

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessage(
            file
                + " announces 1073741824 images of 1073741824x1073741824 pixels, too many to load"
                + " at once.");
    // 2^30 cubed is 2^90, which wraps to 0 in a long: it must not match an empty pixel array.
    assertThatThrownBy(() -> new IdxImages(1 << 30, 1 << 30, 1 << 30, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFolderIsNotReadAsAFile() {
    assertThatThrownBy(() -> IdxReader.readImages(folder))
        .isInstanceOf(DataException.class)
        .hasMessage(folder + " is not a regular file.");
  }
}
