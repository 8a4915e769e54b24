package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.data.ImageDataSet;
import org.losslandscape.pipeline.data.LabeledImages;
import org.losslandscape.pipeline.data.NpyDataSet;
import org.losslandscape.pipeline.data.Pixels;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.summary.DataFile;
import org.losslandscape.pipeline.summary.PreprocessingSummary;

/**
 * Finds, reads, validates, checksums and standardizes the data set: Fashion-MNIST by default, an
 * IDX folder ({@code --data-dir}) or npy arrays ({@code --data-npy}).
 */
public final class LoadDataStage {

  private static final Logger LOG = LogManager.getLogger(LoadDataStage.class);

  private final DataSettings settings;
  private final FashionMnistLocator locator;

  @Inject
  public LoadDataStage(DataSettings settings, FashionMnistLocator locator) {
    this.settings = settings;
    this.locator = locator;
  }

  /** The data standardized with the training set's own mean and standard deviation. */
  public PreparedData run() {
    return run(Optional.empty());
  }

  /**
   * The data standardized with {@code recorded} constants when given (weights trained elsewhere
   * must see the preprocessing they were trained on), else with the training set's own.
   */
  public PreparedData run(Optional<Standardization> recorded) {
    ImageDataSet raw = read();
    Standardization standardization = recorded.orElseGet(() -> Standardization.fit(raw.train()));
    LOG.info(
        "standardized with {} mean {} and std {}",
        recorded.isPresent() ? "the recorded" : "the training set's",
        String.format(Locale.ROOT, "%.6f", standardization.mean()),
        String.format(Locale.ROOT, "%.6f", standardization.std()));
    return new PreparedData(
        toLabeledData(raw.train(), standardization),
        toLabeledData(raw.test(), standardization),
        standardization,
        raw.train().pixels() instanceof Pixels.Levels
            ? PreprocessingSummary.FORMULA
            : PreprocessingSummary.REAL_VALUES_FORMULA,
        raw.source(),
        fingerprint(raw),
        fileChecksums(raw.files()),
        raw.inputShape(),
        raw.classes());
  }

  private ImageDataSet read() {
    DataSettings.Source source = settings.source();
    if (source instanceof DataSettings.Source.NpyArrays arrays) {
      return NpyDataSet.load(arrays);
    }
    return locator.load(settings.directory());
  }

  private static LabeledData toLabeledData(LabeledImages images, Standardization standardization) {
    return new LabeledData(standardization.apply(images), images.labels(), images.pixelsPerImage());
  }

  /**
   * The SHA-256 of the decoded pixels and labels of both splits. A label is one byte when every
   * label fits in one (Fashion-MNIST's fingerprint is what it always was), else four.
   */
  private static String fingerprint(ImageDataSet raw) {
    MessageDigest sha = sha256();
    boolean byteLabels = raw.classes() <= 256;
    for (LabeledImages split : List.of(raw.train(), raw.test())) {
      split.pixels().digestInto(sha);
      for (int label : split.labels()) {
        if (byteLabels) {
          sha.update((byte) label);
        } else {
          sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(label).array());
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The SHA-256 of each file as stored, in the order read. */
  private static List<DataFile> fileChecksums(List<Path> files) {
    List<DataFile> out = new ArrayList<>();
    for (Path file : files) {
      MessageDigest sha = sha256();
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        out.add(
            new DataFile(
                file.getFileName().toString(),
                Files.size(file),
                HexFormat.of().formatHex(sha.digest())));
      } catch (IOException e) {
        throw new DataException("cannot read " + file + " to checksum it: " + e.getMessage());
      }
    }
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
