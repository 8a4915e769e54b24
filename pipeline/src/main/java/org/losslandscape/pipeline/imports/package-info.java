/**
 * Networks made elsewhere, read into the tool's own description ({@link
 * org.losslandscape.models.network.NetworkSpec} and named parameter tensors): Keras' {@code .keras}
 * archives and legacy {@code .h5} files ({@link KerasModelFile}). Every refusal is a one-line
 * {@link org.losslandscape.pipeline.io.ResultsException} naming the file and, where there is one,
 * the layer and its Keras class.
 */
package org.losslandscape.pipeline.imports;
