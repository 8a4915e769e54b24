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
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.summary.DataFile;

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
}
