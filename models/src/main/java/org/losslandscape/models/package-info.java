/**
 * The TensorFlow side of loss-landscape: the MLP as a TensorFlow graph ({@code mlp}), its training
 * ({@code training}), evaluation ({@code evaluation}), random directions in weight space ({@code
 * directions}), batched evaluation of the loss on a 2-D slice ({@code landscape}) and the sharpness
 * measures computed from it ({@code sharpness}).
 *
 * <p>This module knows nothing of files, stages or command lines; the {@code pipeline} module does.
 */
package org.losslandscape.models;
