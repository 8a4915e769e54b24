package org.losslandscape.pipeline.stages;

import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.summary.DataFile;
import org.losslandscape.pipeline.summary.DataSummary;
import org.losslandscape.pipeline.summary.PreprocessingSummary;

/**
 * The data set ready for the network, with the shape of what the network takes in and tells apart.
 *
 * @param train standardized training set
 * @param test standardized test set
 * @param standardization the constants applied: x = (value - mean) / std
 * @param formula how a pixel becomes the network's input, in words (see {@link
 *     PreprocessingSummary})
 * @param source where the files came from, for the summary
 * @param fingerprint SHA-256 of the raw training and test pixels and labels (part of the
 *     weights-cache key)
 * @param files the files as read, with their checksums
 * @param inputShape the shape of one image: the network's input
 * @param classes the number of classes the training labels imply: the network's outputs
 */
public record PreparedData(
    LabeledData train,
    LabeledData test,
    Standardization standardization,
    String formula,
    String source,
    String fingerprint,
    List<DataFile> files,
    InputShape inputShape,
    int classes) {

  public PreparedData {
    files = List.copyOf(files);
    if (train.featureSize() != inputShape.size() || test.featureSize() != inputShape.size()) {
      throw new IllegalArgumentException(
          "features of "
              + train.featureSize()
              + " and "
              + test.featureSize()
              + " values do not match images of "
              + inputShape);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
    }
  }

  /** The data as written into summaries and provenance records. */
  public DataSummary summary() {
    return new DataSummary(
        source,
        train.count(),
        test.count(),
        fingerprint,
        files,
        List.of(inputShape.height(), inputShape.width(), inputShape.channels()),
        classes);
  }

  /** The standardization as written into summaries and provenance records. */
  public PreprocessingSummary preprocessing() {
    return new PreprocessingSummary(formula, standardization.mean(), standardization.std());
  }
}
