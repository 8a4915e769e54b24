package org.losslandscape.pipeline.summary;

/**
 * The network.
 *
 * @param architecture e.g. {@code 784-128-64-10}
 * @param activation the hidden layers' activation
 * @param initialization weight initialization (study only)
 * @param parameters trainable scalars
 */
public record ModelSummary(
    String architecture, String activation, String initialization, long parameters) {}
