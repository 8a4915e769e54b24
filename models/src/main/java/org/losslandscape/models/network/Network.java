package org.losslandscape.models.network;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A classifier as TensorFlow ops: what its parameters are and how it turns inputs into logits. The
 * only place that knows layers, their counts and the input size; everything else (training,
 * directions, slices, measures) works on its parameter tensors and its logits.
 *
 * <p>Inputs are fed flat, {@code [samples, inputShape().size()]}, each row an NHWC image flattened
 * (see {@link InputShape}); a network reshapes them as it needs.
 */
public interface Network {

  /** A short stable name of the architecture, e.g. {@code 784-128-64-10}; part of cache keys. */
  String describe();

  /** The shape of one input example. */
  InputShape inputShape();

  /** True when data of {@code shape} can be fed (a dense-only network needs only the size). */
  default boolean accepts(InputShape shape) {
    return shape.equals(inputShape());
  }

  /** Number of logits. */
  int classes();

  /** The trained tensors, in the order every parameter list of this network uses. */
  List<TensorSpec> parameterSpecs();

  /**
   * Tensors the network keeps besides its trained parameters and updates while training (batch
   * norm's moving statistics), in the order {@link #trainingPass} takes and returns them. Empty for
   * most networks.
   */
  default List<TensorSpec> stateSpecs() {
    return List.of();
  }

  /** Parameter names in {@link #parameterSpecs()} order. */
  default List<String> parameterNames() {
    return parameterSpecs().stream().map(TensorSpec::name).toList();
  }

  /** Parameter shapes in {@link #parameterSpecs()} order. */
  default List<int[]> parameterShapes() {
    return parameterSpecs().stream().map(TensorSpec::shape).toList();
  }

  /** Total number of trained scalars. */
  default long parameterCount() {
    long count = 0;
    for (TensorSpec t : parameterSpecs()) {
      count += t.size();
    }
    return count;
  }

  /** Multiply-adds of one example's forward pass: what the training planner weighs stacks by. */
  long multiplyAddsPerExample();

  /** Floats one example's layer outputs take in a forward pass: what memory estimates use. */
  long activationsPerExample();

  /**
   * Logits {@code [samples, classes]} of {@code x} ({@code [samples, inputShape().size()]}) at the
   * given parameters, as the trained network is evaluated: no dropout, batch norm as this network's
   * {@link BatchNormMode} says.
   */
  Operand<TFloat32> logits(
      Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> parameters);

  /**
   * Logits as {@link #logits} with the state (batch norm's moving statistics) given as operands,
   * e.g. variables that training updates: how a model is evaluated while it trains. The default,
   * for networks without state, ignores {@code state}.
   */
  default Operand<TFloat32> logits(
      Ops tf,
      Operand<TFloat32> x,
      List<? extends Operand<TFloat32>> parameters,
      List<? extends Operand<TFloat32>> state) {
    return logits(tf, x, parameters);
  }

  /**
   * How {@link #logits(Ops, Operand, List)} treats the state; {@link BatchNormMode#FROZEN} (the
   * stored statistics) for networks without state.
   */
  default BatchNormMode batchNormMode() {
    return BatchNormMode.FROZEN;
  }

  /**
   * The statistics {@link BatchNormMode#RECOMPUTE} normalizes with at {@code parameters}: each
   * batch-norm layer's mean and variance over the network's fixed calibration samples, in {@link
   * #stateSpecs()} order. Feeding them to {@link #logits(Ops, Operand, List, List)} gives the
   * recomputed logits, so a slice estimates them once per point, not once per sample chunk.
   *
   * @throws IllegalStateException unless the network recomputes batch-norm statistics
   */
  default List<Operand<TFloat32>> recomputedState(
      Ops tf, List<? extends Operand<TFloat32>> parameters) {
    throw new IllegalStateException(describe() + " does not recompute batch-norm statistics");
  }

  /** The network split after its first layer, when that layer is linear in its weights. */
  default java.util.Optional<LinearFirstLayer> linearFirstLayer() {
    return java.util.Optional.empty();
  }

  /** The stored state (batch norm's moving statistics), in {@link #stateSpecs()} order. */
  default List<float[]> state() {
    return List.of();
  }

  /**
   * The same network carrying {@code state} as its stored state (after training), in {@link
   * #stateSpecs()} order. The default, for networks without state, is this network.
   */
  default Network withState(List<float[]> state) {
    if (!state.isEmpty()) {
      throw new IllegalArgumentException(describe() + " keeps no state");
    }
    return this;
  }

  /**
   * True when {@code other} is this network but for its stored state: two trained models of one
   * architecture (their batch-norm statistics differ as their weights do).
   */
  default boolean sameArchitectureAs(Network other) {
    if (stateSpecs().size() != other.stateSpecs().size()) {
      return false;
    }
    try {
      return withState(other.state()).equals(other);
    } catch (IllegalArgumentException e) {
      // Statistics of other shapes: another architecture.
      return false;
    }
  }

  /**
   * The forward pass of one training step: dropout active (with masks drawn from {@code seed}, a
   * {@code [2]} int64 tensor, fresh per step), batch norm on the minibatch's statistics. Returns
   * the logits and the updated state. The default, for networks without dropout layers or state, is
   * {@link #logits}.
   *
   * @param state current values of {@link #stateSpecs()}
   */
  default TrainingPass trainingPass(
      Ops tf,
      Operand<TFloat32> x,
      List<? extends Operand<TFloat32>> parameters,
      List<? extends Operand<TFloat32>> state,
      Operand<org.tensorflow.types.TInt64> seed) {
    return new TrainingPass(logits(tf, x, parameters), List.of());
  }

  /**
   * The outputs of a training forward pass.
   *
   * @param logits {@code [samples, classes]}
   * @param newState the state after this step, in {@link #stateSpecs()} order
   */
  record TrainingPass(Operand<TFloat32> logits, List<Operand<TFloat32>> newState) {
    public TrainingPass {
      newState = List.copyOf(newState);
    }
  }
}
