package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.config.ArrayLayout;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.summary.DataFile;
import org.losslandscape.pipeline.summary.PreprocessingSummary;

/** {@link LoadDataStage} on the committed subset (3000 training and 1000 test images). */
class LoadDataStageTest {

  @TempDir Path tmp;

  private static LoadDataStage stage(Path directory) {
    return new LoadDataStage(DataSettings.idx(directory), FashionMnistLocator.forThisMachine());
  }

  @Test
  void theSubsetIsReadStandardizedWithItsOwnTrainingStatisticsAndChecksummed() throws Exception {
    PreparedData data = stage(TinyStages.subset()).run();

    assertThat(data.train().count()).isEqualTo(3000);
    assertThat(data.test().count()).isEqualTo(1000);
    assertThat(data.train().featureSize()).isEqualTo(784);
    assertThat(data.train().labels()).containsOnly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    // Standardized with the training set's own mean and std: mean 0 and std 1 over its pixels.
    double sum = 0;
    double squares = 0;
    for (float v : data.train().features()) {
      sum += v;
      squares += (double) v * v;
    }
    int n = data.train().features().length;
    assertThat(sum / n).isCloseTo(0, within(1e-4));
    assertThat(Math.sqrt(squares / n - (sum / n) * (sum / n))).isCloseTo(1, within(1e-4));

    List<DataFile> files = data.files();
    assertThat(files)
        .extracting(DataFile::name)
        .containsExactly(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");
    for (DataFile f : files) {
      Path file = TinyStages.subset().resolve(f.name());
      assertThat(f.bytes()).isEqualTo(Files.size(file));
      assertThat(f.sha256())
          .isEqualTo(
              HexFormat.of()
                  .formatHex(
                      MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
    }
    assertThat(data.fingerprint()).matches("[0-9a-f]{64}");
    assertThat(data.summary().trainSamples()).isEqualTo(3000);
  }

  @Test
  void recordedConstantsAreUsedInsteadOfTheTrainingSetsOwn() {
    PreparedData own = stage(TinyStages.subset()).run();
    Standardization recorded = new Standardization(0.5, 2.0);

    PreparedData data = stage(TinyStages.subset()).run(Optional.of(recorded));

    assertThat(data.standardization()).isEqualTo(recorded);
    assertThat(data.preprocessing().mean()).isEqualTo(0.5);
    // The same pixel, x = (p / 255 - mean) / std under either constants.
    Standardization fitted = own.standardization();
    for (int i : new int[] {0, 400, 784 * 7 + 300}) {
      double pixel = own.train().features()[i] * fitted.std() + fitted.mean();
      assertThat((double) data.train().features()[i]).isCloseTo((pixel - 0.5) / 2.0, within(1e-5));
    }
    assertThat(data.fingerprint()).as("the raw data are the same").isEqualTo(own.fingerprint());
  }

  @Test
  void theFingerprintFollowsTheDataNotTheFolder() throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("copy"));
    for (String name :
        List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz")) {
      Files.copy(TinyStages.subset().resolve(name), copy.resolve(name));
    }
    assertThat(stage(copy).run().fingerprint())
        .isEqualTo(stage(TinyStages.subset()).run().fingerprint());

    Files.delete(copy.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThatThrownBy(() -> stage(copy).run())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("t10k-labels-idx1-ubyte");
  }

  /**
   * Fashion-MNIST's fingerprint is the one the weights cache and every earlier summary hold: the
   * SHA-256 of the decoded training pixels, one byte per training label, then the same of the test
   * split, recomputed here from the IDX files' bytes.
   */
  @Test
  void fashionMnistsFingerprintAndShapeAreWhatTheyAlwaysWere() throws Exception {
    PreparedData data = stage(TinyStages.subset()).run();

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String split : List.of("train", "t10k")) {
      byte[] images = gunzip(TinyStages.subset().resolve(split + "-images-idx3-ubyte.gz"));
      byte[] labels = gunzip(TinyStages.subset().resolve(split + "-labels-idx1-ubyte.gz"));
      sha.update(images, 16, images.length - 16);
      sha.update(labels, 8, labels.length - 8);
    }
    assertThat(data.fingerprint()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    assertThat(data.inputShape()).isEqualTo(InputShape.fashionMnist());
    assertThat(data.classes()).isEqualTo(10);
    assertThat(data.preprocessing().formula()).isEqualTo(PreprocessingSummary.FORMULA);
    assertThat(data.summary().inputShape()).containsExactly(28, 28, 1);
    assertThat(data.summary().classes()).isEqualTo(10);
  }

  private static byte[] gunzip(Path file) throws Exception {
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  /** Float npy arrays: their own shape and classes, standardized as given, both files summed. */
  @Test
  void npyArraysArePreparedWithTheirShapeClassesAndFormula() {
    int n = 14;
    float[] images = new float[n * 2 * 3];
    int[] labels = new int[n];
    for (int i = 0; i < images.length; i++) {
      images[i] = (i % 5) * 10f - 7f;
    }
    for (int i = 0; i < n; i++) {
      labels[i] = i % 4;
    }
    Path x = tmp.resolve("x.npy");
    Path y = tmp.resolve("y.npy");
    Npy.writeFloat32(x, new int[] {n, 2, 3}, images);
    Npy.writeInt32(y, new int[] {n}, labels);
    LoadDataStage stage =
        new LoadDataStage(
            new DataSettings(
                new DataSettings.Source.NpyArrays(x, y, Optional.empty(), ArrayLayout.NHWC)),
            FashionMnistLocator.forThisMachine());

    PreparedData data = stage.run();

    assertThat(data.inputShape()).isEqualTo(new InputShape(2, 3, 1));
    assertThat(data.classes()).isEqualTo(4);
    assertThat(data.train().count()).isEqualTo(12);
    assertThat(data.test().count()).isEqualTo(2);
    assertThat(data.train().featureSize()).isEqualTo(6);
    assertThat(data.preprocessing().formula()).isEqualTo(PreprocessingSummary.REAL_VALUES_FORMULA);
    assertThat(data.files()).extracting(DataFile::name).containsExactly("x.npy", "y.npy");
    // Standardized as given: the first training value is (-7 - mean) / std, no division by 255.
    Standardization s = data.standardization();
    assertThat((double) data.train().features()[0])
        .isCloseTo((-7 - s.mean()) / s.std(), within(1e-6));
    assertThat(s.mean()).isBetween(5.0, 15.0);
  }
}
