/**
 * The TensorFlow side of loss-landscape: the MLP as a TensorFlow graph ({@code mlp}), its training
 * ({@code training}), evaluation ({@code evaluation}), random directions in weight space ({@code
 * directions}), batched evaluation of the loss on a 2-D slice ({@code landscape}), the loss as a
 * differentiable function with Hessian-vector products and the curvature measures built on them
 * (top eigenvalues, trace, spectral density: {@code curvature}), and the sharpness measures ({@code
 * sharpness}: from a slice, worst-case over a ball or box, average-case under noise).
 *
 * <p>This module knows nothing of files, stages or command lines; the {@code pipeline} module does.
 */
package org.losslandscape.models;
