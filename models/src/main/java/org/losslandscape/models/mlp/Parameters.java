package org.losslandscape.models.mlp;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.network.Network;

/**
 * All parameters of a network (or a direction with the same shape), in graph order.
 *
 * <p>Also the vector space the landscape lives in: {@link #plus(double, Parameters)} gives {@code
 * theta + s d} without touching either operand.
 *
 * @param architecture the network these parameters belong to
 * @param tensors the network's tensors in {@link Network#parameterNames()} order
 */
public record Parameters(Network architecture, List<Parameter> tensors) {

  public Parameters {
    tensors = List.copyOf(tensors);
    List<String> names = architecture.parameterNames();
    List<int[]> shapes = architecture.parameterShapes();
    if (tensors.size() != names.size()) {
      throw new IllegalArgumentException(
          "architecture "
              + architecture
              + " has "
              + names.size()
              + " parameter tensors, got "
              + tensors.size());
    }
    for (int i = 0; i < names.size(); i++) {
      Parameter p = tensors.get(i);
      if (!p.name().equals(names.get(i)) || !java.util.Arrays.equals(p.shape(), shapes.get(i))) {
        throw new IllegalArgumentException(
            "parameter "
                + i
                + " should be "
                + names.get(i)
                + java.util.Arrays.toString(shapes.get(i))
                + " but is "
                + p);
      }
    }
  }

  /** Kernel of the MLP's dense layer {@code layer}, shaped [in, out] (MLPs only). */
  public Parameter kernel(int layer) {
    return tensors.get(2 * layer);
  }

  /** Bias of the MLP's dense layer {@code layer}, shaped [out] (MLPs only). */
  public Parameter bias(int layer) {
    return tensors.get(2 * layer + 1);
  }

  /** {@code this + scale * direction}, entry by entry, as a new set of parameters. */
  public Parameters plus(double scale, Parameters direction) {
    List<Parameter> out = new ArrayList<>(tensors.size());
    for (int i = 0; i < tensors.size(); i++) {
      float[] a = tensors.get(i).values();
      float[] d = direction.tensors().get(i).values();
      float[] sum = new float[a.length];
      for (int k = 0; k < a.length; k++) {
        sum[k] = (float) (a[k] + scale * d[k]);
      }
      out.add(tensors.get(i).withValues(sum));
    }
    return new Parameters(architecture, out);
  }

  /** Euclidean norm over all entries. */
  public double norm() {
    double sum = 0;
    for (Parameter p : tensors) {
      double n = p.norm();
      sum += n * n;
    }
    return Math.sqrt(sum);
  }

  /**
   * True when {@code other} has the same parameter tensors (names, shapes, kinds) as this set's
   * network: two models of one architecture whose batch-norm statistics differ are laid out alike.
   */
  public boolean sameTensorsAs(Parameters other) {
    return architecture.parameterSpecs().equals(other.architecture().parameterSpecs());
  }

  /** A same-shaped set of zeros. */
  public static Parameters zeros(Network architecture) {
    List<Parameter> out = new ArrayList<>();
    List<String> names = architecture.parameterNames();
    List<int[]> shapes = architecture.parameterShapes();
    for (int i = 0; i < names.size(); i++) {
      int size = 1;
      for (int dim : shapes.get(i)) {
        size *= dim;
      }
      out.add(new Parameter(names.get(i), shapes.get(i), new float[size]));
    }
    return new Parameters(architecture, out);
  }
}
