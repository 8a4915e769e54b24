package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.network.InputShape;

/** The committed Fashion-MNIST subset and the IDX folder loader, {@link IdxDataSet}. */
class FashionMnistTest {

  @TempDir Path folder;

  static Path committedSubset() {
    try {
      return Path.of(FashionMnistTest.class.getResource("/fashion-mnist-subset").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void committedSubsetHasTheDocumentedSizesAndBalancedClasses() {
    ImageDataSet data = IdxDataSet.load(committedSubset(), "the subset (--data-dir)");

    assertThat(data.train().count()).isEqualTo(3000);
    assertThat(data.test().count()).isEqualTo(1000);
    assertThat(data.inputShape()).isEqualTo(InputShape.fashionMnist());
    assertThat(data.classes()).isEqualTo(10);
    assertThat(data.train().pixelsPerImage()).isEqualTo(784);
    // Uniform would be 300 and 100 per class; a prefix of the shuffled files stays close to it.
    assertThat(Arrays.stream(data.train().classCounts()).boxed().toList())
        .hasSize(10)
        .allSatisfy(n -> assertThat(n).isBetween(240, 360));
    assertThat(Arrays.stream(data.test().classCounts()).boxed().toList())
        .hasSize(10)
        .allSatisfy(n -> assertThat(n).isBetween(70, 130));
    assertThat(Arrays.stream(data.train().classCounts()).sum()).isEqualTo(3000);
    assertThat(data.source()).isEqualTo("the subset (--data-dir)");
    assertThat(data.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");
  }

  @Test
  void loadsUncompressedFilesToo() {
    TinyDataSets.write(folder, 20, 10, IdxWriter.Compression.NONE);

    ImageDataSet data = IdxDataSet.load(folder, "tiny");

    assertThat(TinyDataSets.levels(data.train())).isEqualTo(TinyDataSets.images(20, 1).pixels());
    assertThat(data.test().labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(data.inputShape()).isEqualTo(new InputShape(4, 3, 1));
  }

  @Test
  void imageAndLabelCountsMustMatchWithinASplit() {
    TinyDataSets.write(folder, 20, 10, IdxWriter.Compression.GZIP);
    Path labels = folder.resolve(FashionMnistFiles.TEST_LABELS + ".gz");
    IdxWriter.writeLabels(labels, TinyDataSets.labels(9), IdxWriter.Compression.GZIP);

    assertThatThrownBy(() -> IdxDataSet.load(folder, "tiny"))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "The test split does not match: "
                + folder.resolve(FashionMnistFiles.TEST_IMAGES + ".gz")
                + " holds 10 images but "
                + labels
                + " holds 9 labels.");
  }

  @Test
  void missingFileIsNamed() throws IOException {
    TinyDataSets.write(folder, 20, 10, IdxWriter.Compression.GZIP);
    Files.delete(folder.resolve(FashionMnistFiles.TRAIN_LABELS + ".gz"));

    assertThatThrownBy(() -> IdxDataSet.load(folder, "tiny"))
        .isInstanceOf(DataException.class)
        .hasMessage("Fashion-MNIST folder " + folder + " is missing train-labels-idx1-ubyte(.gz).");
  }

  @Test
  void splitsWithDifferentImageSizesAreRejected() {
    TinyDataSets.write(folder, 20, 10, IdxWriter.Compression.GZIP);
    IdxWriter.writeImages(
        folder.resolve(FashionMnistFiles.TEST_IMAGES + ".gz"),
        new IdxImages(10, 2, 6, new byte[120]),
        IdxWriter.Compression.GZIP);

    assertThatThrownBy(() -> IdxDataSet.load(folder, "tiny"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("are 4x3x1 (height x width x channels) but test images in")
        .hasMessageContaining("are 2x6x1");
  }

  @Test
  void firstTakesAPrefixOfImagesAndLabels() {
    LabeledImages split = LabeledImages.of(TinyDataSets.images(30, 5), TinyDataSets.labels(30));

    LabeledImages first = split.first(12);

    assertThat(first.count()).isEqualTo(12);
    assertThat(first.labels()).isEqualTo(Arrays.copyOf(split.labels(), 12));
    assertThat(TinyDataSets.levels(first))
        .isEqualTo(Arrays.copyOf(TinyDataSets.levels(split), 12 * 12));
    assertThat(first.classCounts()).containsExactly(2, 2, 1, 1, 1, 1, 1, 1, 1, 1);
    assertThatThrownBy(() -> split.first(31)).isInstanceOf(IllegalArgumentException.class);
  }
}
