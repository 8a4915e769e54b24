package org.losslandscape.pipeline.stages;

import org.losslandscape.models.data.LabeledData;
import org.losslandscape.pipeline.data.Standardization;

/**
 * Fashion-MNIST ready for the network.
 *
 * @param train standardized training set
 * @param test standardized test set
 * @param standardization the constants applied: x = (pixel / 255 - mean) / std
 * @param source where the files came from, for the summary
 * @param fingerprint SHA-256 of the raw training and test pixels and labels (part of the
 *     weights-cache key)
 */
public record PreparedData(
    LabeledData train,
    LabeledData test,
    Standardization standardization,
    String source,
    String fingerprint) {}
