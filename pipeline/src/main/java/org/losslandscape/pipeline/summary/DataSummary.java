package org.losslandscape.pipeline.summary;

import java.util.List;

/**
 * The data a run used.
 *
 * @param source the folder and how it was found
 * @param trainSamples training examples
 * @param testSamples test examples
 * @param sha256 SHA-256 of the decoded pixels and labels of both splits (independent of
 *     compression)
 * @param files the four files as read, with their own checksums
 */
public record DataSummary(
    String source, int trainSamples, int testSamples, String sha256, List<DataFile> files) {

  public DataSummary {
    files = List.copyOf(files);
  }
}
