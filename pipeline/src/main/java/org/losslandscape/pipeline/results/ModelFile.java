package org.losslandscape.pipeline.results;

import java.util.List;

/**
 * The contents of {@code model.json}: the architecture, the parameter files in graph order, and
 * (for weights this tool trained) their provenance.
 *
 * @param format {@link #FORMAT}
 * @param architecture e.g. {@code 784-128-64-10}
 * @param inputSize input features
 * @param hidden hidden layer widths
 * @param classes output logits
 * @param activation hidden-layer activation
 * @param output what the last layer emits and the loss on it
 * @param layout how kernels and biases are applied
 * @param parameters the parameter tensors, in graph order
 * @param provenance what produced the weights; absent for weights written elsewhere
 */
public record ModelFile(
    String format,
    String architecture,
    int inputSize,
    List<Integer> hidden,
    int classes,
    String activation,
    String output,
    String layout,
    List<TensorFile> parameters,
    Provenance provenance) {

  /** The format name and version of {@code model.json}. */
  public static final String FORMAT = "loss-landscape-mlp/1";

  /**
   * One parameter tensor's entry.
   *
   * @param name e.g. {@code dense0.kernel}
   * @param shape its shape; a kernel is {@code [in, out]}
   * @param file its {@code .npy} file, relative to the model folder
   */
  public record TensorFile(String name, int[] shape, String file) {}
}
