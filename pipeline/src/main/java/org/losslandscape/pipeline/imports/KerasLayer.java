package org.losslandscape.pipeline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Keras layer as a model config describes it.
 *
 * @param name the layer's name
 * @param className its Keras class, e.g. {@code Conv2D}
 * @param config its {@code config} object
 * @param inputs the names of the layers whose outputs it takes (empty in a Sequential model)
 */
record KerasLayer(String name, String className, JsonNode config, List<String> inputs) {}
