package org.losslandscape.pipeline.stages;

import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.summary.DataFile;
import org.losslandscape.pipeline.summary.DataSummary;
import org.losslandscape.pipeline.summary.PreprocessingSummary;

/**
 * Fashion-MNIST ready for the network.
 *
 * @param train standardized training set
 * @param test standardized test set
 * @param standardization the constants applied: x = (pixel / 255 - mean) / std
 * @param source where the files came from, for the summary
 * @param fingerprint SHA-256 of the raw training and test pixels and labels (part of the
 *     weights-cache key)
 * @param files the four files as read, with their checksums
 */
public record PreparedData(
    LabeledData train,
    LabeledData test,
    Standardization standardization,
    String source,
    String fingerprint,
    List<DataFile> files) {

  public PreparedData {
    files = List.copyOf(files);
  }

  /** The data as written into summaries and provenance records. */
  public DataSummary summary() {
    return new DataSummary(source, train.count(), test.count(), fingerprint, files);
  }

  /** The standardization as written into summaries and provenance records. */
  public PreprocessingSummary preprocessing() {
    return PreprocessingSummary.of(standardization.mean(), standardization.std());
  }
}
