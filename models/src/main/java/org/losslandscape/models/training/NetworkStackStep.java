package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.network.TensorSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One training step of every model of a stack of any {@link Network} (the MLP has its own batched
 * step, {@link StackedStepChain}): each model m takes its slice {@code W[m]} of every stacked
 * tensor, runs the network's training pass on its own minibatch, differentiates with TensorFlow's
 * gradients, and gets the same optimizer as the MLP's step (SAM/ASAM ascent, weight decay,
 * momentum, its own learning rate). Batch norm's moving statistics of model m are updated from its
 * own minibatch. The models share the graph and the session but no op, so a model's numbers do not
 * depend on its stack.
 */
final class NetworkStackStep {

  private NetworkStackStep() {}

  /**
   * Adds one step.
   *
   * @param batch {@code [M, batch]} example indices
   * @param rate {@code [M, 1, 1]} learning rates
   * @param seeds {@code [M, 2]} the step's seed of each model (dropout layers)
   * @return per-example losses {@code [M, batch]} before the update, and the op after the updates
   */
  static StackedStepChain.StepOutputs step(
      Ops tf,
      Operand<TInt32> batch,
      Operand<TFloat32> rate,
      Operand<TInt64> seeds,
      StackedStepChain.StackVariables state) {
    Network network = state.network();
    int models = state.models();
    Operand<TInt32> axis0 = tf.constant(0);
    List<Operand<TFloat32>> losses = new ArrayList<>();
    List<List<Operand<TFloat32>>> descents = new ArrayList<>();
    List<List<Operand<TFloat32>>> weightsOf = new ArrayList<>();
    List<List<Operand<TFloat32>>> newStates = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      Operand<TInt32> model = tf.constant(m);
      Operand<TInt32> rows = tf.gather(batch, model, axis0);
      Operand<TFloat32> x = tf.gather(state.features(), rows, axis0);
      Operand<TFloat32> oneHot =
          tf.oneHot(
              tf.gather(state.labels(), rows, axis0),
              tf.constant(network.classes()),
              tf.constant(1f),
              tf.constant(0f));
      List<Operand<TFloat32>> w = new ArrayList<>();
      for (Variable<TFloat32> stacked : state.weights()) {
        w.add(tf.gather(stacked, model, axis0));
      }
      List<Operand<TFloat32>> s = new ArrayList<>();
      for (Variable<TFloat32> stacked : state.networkState()) {
        s.add(tf.gather(stacked, model, axis0));
      }
      Operand<TInt64> seed = tf.gather(seeds, model, axis0);
      Network.TrainingPass pass = network.trainingPass(tf, x, w, s, seed);
      Operand<TFloat32> perExample = MlpGraph.perExample(tf, pass.logits(), oneHot).loss();
      losses.add(perExample);
      List<Operand<TFloat32>> g = gradients(tf, tf.math.mean(perExample, axis0), w);

      if (state.optimizer() != Optimizer.Kind.SGD) {
        List<Operand<TFloat32>> perturbed = perturbed(tf, w, g, state, m);
        // The same minibatch at w + e; e is a constant of this gradient (SAM's approximation).
        Network.TrainingPass again = network.trainingPass(tf, x, perturbed, s, seed);
        Operand<TFloat32> lossThere =
            tf.math.mean(MlpGraph.perExample(tf, again.logits(), oneHot).loss(), axis0);
        g = gradients(tf, lossThere, perturbed);
      }
      if (state.weightDecay() != null && state.weightDecay()[m] > 0) {
        Operand<TFloat32> decay = tf.constant(state.weightDecay()[m]);
        List<Operand<TFloat32>> decayed = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
          decayed.add(tf.math.add(g.get(i), tf.math.mul(decay, w.get(i))));
        }
        g = decayed;
      }
      descents.add(g);
      weightsOf.add(w);
      newStates.add(pass.newState());
    }

    // Every update must see gradients of the same weights: the updates wait for all of them.
    List<Op> computed = new ArrayList<>();
    List<Operand<TFloat32>> stackedDescent = new ArrayList<>();
    for (int i = 0; i < state.weights().size(); i++) {
      List<Operand<TFloat32>> perModel = new ArrayList<>();
      for (int m = 0; m < models; m++) {
        perModel.add(descents.get(m).get(i));
      }
      var identity = tf.identity(tf.stack(perModel));
      computed.add(identity);
      stackedDescent.add(identity);
    }
    List<Operand<TFloat32>> stackedState = new ArrayList<>();
    for (int i = 0; i < state.networkState().size(); i++) {
      List<Operand<TFloat32>> perModel = new ArrayList<>();
      for (int m = 0; m < models; m++) {
        perModel.add(newStates.get(m).get(i));
      }
      var identity = tf.identity(tf.stack(perModel));
      computed.add(identity);
      stackedState.add(identity);
    }
    Ops after = tf.withControlDependencies(computed);
    List<Op> updates = new ArrayList<>();
    boolean momentum = !state.velocities().isEmpty();
    for (int i = 0; i < state.weights().size(); i++) {
      int rank = network.parameterSpecs().get(i).shape().length;
      Operand<TFloat32> lr = broadcastPerModel(after, rate, rank);
      Operand<TFloat32> g = stackedDescent.get(i);
      if (momentum) {
        Operand<TFloat32> mu = perModel(after, state.momentum(), rank);
        Variable<TFloat32> v = state.velocities().get(i);
        Operand<TFloat32> newVelocity = after.math.add(after.math.mul(mu, v), g);
        updates.add(after.assign(v, newVelocity));
        updates.add(after.assignSub(state.weights().get(i), after.math.mul(lr, newVelocity)));
      } else {
        updates.add(after.assignSub(state.weights().get(i), after.math.mul(lr, g)));
      }
    }
    for (int i = 0; i < stackedState.size(); i++) {
      updates.add(after.assign(state.networkState().get(i), stackedState.get(i)));
    }
    return new StackedStepChain.StepOutputs(
        tf.stack(losses), tf.withControlDependencies(updates).noOp());
  }

  /** {@code w + e} with SAM's (or ASAM's, kernels scaled) ascent step of model {@code m}. */
  private static List<Operand<TFloat32>> perturbed(
      Ops tf,
      List<Operand<TFloat32>> w,
      List<Operand<TFloat32>> g,
      StackedStepChain.StackVariables state,
      int m) {
    boolean adaptive = state.optimizer() == Optimizer.Kind.ASAM;
    List<TensorSpec> specs = state.network().parameterSpecs();
    Operand<TFloat32> eta = tf.constant(state.eta()[m]);
    List<Operand<TFloat32>> scales = new ArrayList<>();
    List<Operand<TFloat32>> scaled = new ArrayList<>();
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      Operand<TFloat32> t =
          adaptive && specs.get(i).kind().isKernel()
              ? tf.math.add(tf.math.abs(w.get(i)), eta)
              : null;
      Operand<TFloat32> s = t == null ? g.get(i) : tf.math.mul(t, g.get(i));
      scales.add(t);
      scaled.add(s);
      squares.add(
          tf.reduceSum(tf.math.square(tf.reshape(s, tf.constant(new int[] {-1}))), tf.constant(0)));
    }
    Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(squares));
    Operand<TFloat32> step =
        tf.math.div(
            tf.constant(state.rho()[m]),
            tf.math.add(norm, tf.constant((float) Optimizer.NORM_GUARD)));
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      Operand<TFloat32> t = scales.get(i);
      Operand<TFloat32> direction = t == null ? scaled.get(i) : tf.math.mul(t, scaled.get(i));
      out.add(tf.math.add(w.get(i), tf.math.mul(direction, step)));
    }
    return out;
  }

  private static List<Operand<TFloat32>> gradients(
      Ops tf, Operand<TFloat32> loss, List<Operand<TFloat32>> of) {
    Gradients g = tf.gradients(loss, of, Gradients.dx(List.of(tf.constant(1f))));
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < of.size(); i++) {
      out.add(g.dy(i));
    }
    return out;
  }

  /** {@code [M, 1, 1]} rates reshaped to {@code [M, 1, ..., 1]} for a tensor of {@code rank}. */
  private static Operand<TFloat32> broadcastPerModel(Ops tf, Operand<TFloat32> rate, int rank) {
    int[] shape = new int[rank + 1];
    java.util.Arrays.fill(shape, 1);
    shape[0] = -1;
    return tf.reshape(rate, tf.constant(shape));
  }

  private static Operand<TFloat32> perModel(Ops tf, float[] values, int rank) {
    int[] shape = new int[rank + 1];
    java.util.Arrays.fill(shape, 1);
    shape[0] = values.length;
    return tf.reshape(tf.constant(values), tf.constant(shape));
  }
}
