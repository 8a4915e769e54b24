package org.losslandscape.models.mlp;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.network.Network;

/**
 * The parameters of one architecture as a single flat vector: the tensors in graph order (kernel,
 * bias, ... for an MLP), each row-major. Curvature and sharpness algorithms work on such vectors in
 * double precision; the network sees them as float tensors.
 *
 * @param architecture the network whose parameters are laid out
 */
public record ParameterLayout(Network architecture) {

  /** Number of entries of the flat vector (all trainable scalars). */
  public int dimension() {
    return Math.toIntExact(architecture.parameterCount());
  }

  /** {@code parameters} as one flat vector. */
  public double[] flatten(Parameters parameters) {
    requireArchitecture(parameters);
    double[] flat = new double[dimension()];
    int offset = 0;
    for (Parameter p : parameters.tensors()) {
      float[] values = p.values();
      for (int k = 0; k < values.length; k++) {
        flat[offset + k] = values[k];
      }
      offset += values.length;
    }
    return flat;
  }

  /** The flat vector {@code flat} as named tensors (each entry rounded to float). */
  public Parameters unflatten(double[] flat) {
    requireDimension(flat);
    List<String> names = architecture.parameterNames();
    List<int[]> shapes = architecture.parameterShapes();
    List<Parameter> tensors = new ArrayList<>(names.size());
    int offset = 0;
    for (int t = 0; t < names.size(); t++) {
      int size = 1;
      for (int dim : shapes.get(t)) {
        size *= dim;
      }
      float[] values = new float[size];
      for (int k = 0; k < size; k++) {
        values[k] = (float) flat[offset + k];
      }
      tensors.add(new Parameter(names.get(t), shapes.get(t), values));
      offset += size;
    }
    return new Parameters(architecture, tensors);
  }

  /**
   * Which entries are weights (entries of a dense or convolution kernel) rather than biases:
   * sharpness measures treat the two differently (ASAM scales weights only; Li et al. zero bias
   * directions).
   */
  public boolean[] weightMask() {
    boolean[] mask = new boolean[dimension()];
    int offset = 0;
    for (int[] shape : architecture.parameterShapes()) {
      int size = 1;
      for (int dim : shape) {
        size *= dim;
      }
      if (shape.length >= 2) {
        java.util.Arrays.fill(mask, offset, offset + size, true);
      }
      offset += size;
    }
    return mask;
  }

  /** Throws unless {@code flat} has {@link #dimension()} entries. */
  public void requireDimension(double[] flat) {
    if (flat.length != dimension()) {
      throw new IllegalArgumentException(
          "a parameter vector of "
              + architecture
              + " has "
              + dimension()
              + " entries, got "
              + flat.length);
    }
  }

  private void requireArchitecture(Parameters parameters) {
    if (!parameters.architecture().parameterSpecs().equals(architecture.parameterSpecs())) {
      throw new IllegalArgumentException(
          "layout of " + architecture + " cannot hold parameters of " + parameters.architecture());
    }
  }
}
