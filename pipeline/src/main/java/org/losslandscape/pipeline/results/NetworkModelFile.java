package org.losslandscape.pipeline.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The contents of {@code model.json} for a network built from layers (any network but the MLP,
 * which keeps {@link ModelFile}): the layers as a network file reads them, the input shape, the
 * parameter files, the batch-norm statistics and the provenance.
 *
 * @param format {@link #FORMAT}
 * @param name the network's name, e.g. {@code resnet-20x16}
 * @param architecture the name with a hash of the layers, as cache keys use it
 * @param inputShape one example: height, width, channels
 * @param classes output logits
 * @param network the layers, in the JSON of {@code --model-file}
 * @param parameters the trained tensors, in the network's order
 * @param state the batch-norm moving statistics, in the network's order (empty without batch norm)
 * @param provenance what produced the weights; absent for weights written elsewhere
 */
public record NetworkModelFile(
    String format,
    String name,
    String architecture,
    int[] inputShape,
    int classes,
    JsonNode network,
    List<ModelFile.TensorFile> parameters,
    List<ModelFile.TensorFile> state,
    Provenance provenance) {

  /** The format name and version. */
  public static final String FORMAT = "loss-landscape-network/1";
}
