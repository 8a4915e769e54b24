package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.data.FashionMnist;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.data.LabeledImages;
import org.losslandscape.pipeline.data.Standardization;

/** Finds, reads, validates and standardizes Fashion-MNIST. */
public final class LoadDataStage {

  private static final Logger LOG = LogManager.getLogger(LoadDataStage.class);

  private final StudyOptions options;
  private final FashionMnistLocator locator;

  @Inject
  public LoadDataStage(StudyOptions options, FashionMnistLocator locator) {
    this.options = options;
    this.locator = locator;
  }

  public PreparedData run() {
    FashionMnist raw = locator.load(options.dataDir());
    Standardization standardization = Standardization.fit(raw.train());
    LOG.info(
        "standardized with the training set's mean {} and std {}",
        String.format("%.6f", standardization.mean()),
        String.format("%.6f", standardization.std()));
    return new PreparedData(
        toLabeledData(raw.train(), standardization),
        toLabeledData(raw.test(), standardization),
        standardization,
        raw.source().describe(),
        fingerprint(raw));
  }

  private static LabeledData toLabeledData(LabeledImages images, Standardization standardization) {
    return new LabeledData(standardization.apply(images), images.labels(), images.pixelsPerImage());
  }

  private static String fingerprint(FashionMnist raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (LabeledImages split : new LabeledImages[] {raw.train(), raw.test()}) {
        sha.update(split.pixels());
        for (int label : split.labels()) {
          sha.update((byte) label);
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
