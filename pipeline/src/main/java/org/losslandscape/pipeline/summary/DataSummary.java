package org.losslandscape.pipeline.summary;

import java.util.List;

/**
 * The data a run used.
 *
 * @param source the folder or files and how they were found
 * @param trainSamples training examples
 * @param testSamples test examples
 * @param sha256 SHA-256 of the decoded pixels and labels of both splits (independent of
 *     compression)
 * @param files the files as read (four IDX files, or two or four npy files), with their own
 *     checksums
 * @param inputShape one image's height, width and channels: the network's input (null in a summary
 *     written before data sets other than Fashion-MNIST were read)
 * @param classes the number of classes (the largest training label plus one): the network's outputs
 *     (null in such an older summary)
 */
public record DataSummary(
    String source,
    int trainSamples,
    int testSamples,
    String sha256,
    List<DataFile> files,
    List<Integer> inputShape,
    Integer classes) {

  public DataSummary {
    files = List.copyOf(files);
    inputShape = inputShape == null ? null : List.copyOf(inputShape);
  }
}
