package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.StackedMlp;
import org.losslandscape.models.network.Network;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * {@code length} training steps of every model of a stack, unrolled into the graph so that one
 * {@code Session.run} does them all, each step on minibatches of exactly {@code batchSize} examples
 * per model.
 *
 * <p>One step, for every model m at once: gather m's minibatch from the shared training set, run
 * the stacked forward and backward pass ({@link StackedMlp}), for SAM/ASAM perturb m's weights
 * along its own gradient and take the gradient again there, add m's weight decay, apply m's
 * momentum, and subtract m's learning rate times the result. Every op of step k + 1 waits for step
 * k's updates.
 *
 * <p>Fed: {@link #indices()}, the minibatches as {@code [length, M, batchSize]} example indices,
 * and {@link #rates()}, every model's learning rate at every step as {@code [length, M]} (a model
 * that has stopped gets 0, which leaves finite weights exactly as they are). Fetched: {@link
 * #losses()}, every example's loss before its step's update, {@code [length, M, batchSize]} (summed
 * in Java, so that a model's minibatch loss does not depend on how TensorFlow reduces a stack of
 * another size); run {@link #update()} as the target.
 */
record StackedStepChain(
    int length,
    int batchSize,
    Placeholder<TInt32> indices,
    Placeholder<TFloat32> rates,
    Placeholder<TInt64> seeds,
    Operand<TFloat32> losses,
    Op update) {

  /**
   * The variables a stacked step reads and writes, and the per-model values it is built with.
   *
   * @param features the shared training set's features, {@code [examples, features]}
   * @param labels the shared training set's labels, {@code [examples]}
   * @param weights the stacked parameters (kernel {@code [M, in, out]}, bias {@code [M, 1, out]},
   *     ...)
   * @param velocities one momentum buffer per weight, or empty when no model uses momentum
   * @param models M
   * @param classes number of output classes
   * @param optimizer SGD, SAM or ASAM (shared by the stack)
   * @param momentum each model's momentum (read only when {@code velocities} exist)
   * @param weightDecay each model's weight decay, or null when no model uses any
   * @param rho each model's SAM/ASAM radius (unused for SGD)
   * @param eta each model's ASAM offset (unused unless ASAM)
   * @param dropout each model's dropout rate, or null when no model drops units
   * @param hiddenWidths the hidden layers' widths (the dropout masks' shapes; MLPs only)
   * @param network the network every model of the stack is
   * @param networkState the stacked state of the network (batch norm's moving statistics, {@code
   *     [M, channels]}), empty for most networks
   */
  record StackVariables(
      Variable<TFloat32> features,
      Variable<TInt32> labels,
      List<Variable<TFloat32>> weights,
      List<Variable<TFloat32>> velocities,
      int models,
      int classes,
      Optimizer.Kind optimizer,
      float[] momentum,
      float[] weightDecay,
      float[] rho,
      float[] eta,
      float[] dropout,
      int[] hiddenWidths,
      Network network,
      List<Variable<TFloat32>> networkState) {
    StackVariables {
      weights = List.copyOf(weights);
      velocities = List.copyOf(velocities);
      networkState = List.copyOf(networkState);
    }
  }

  /** Adds a chain of {@code length} steps on minibatches of exactly {@code batchSize} examples. */
  static StackedStepChain build(Ops tf, int length, int batchSize, StackVariables state) {
    if (length < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "a chain needs at least one step of at least one example, got "
              + length
              + " steps of "
              + batchSize);
    }
    int m = state.models();
    Placeholder<TInt32> indices =
        tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(length, m, batchSize)));
    Placeholder<TFloat32> rates =
        tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(length, m)));
    // Dropout's seeds: for every step and model, (the model's seed, its step), fed so that each
    // model's masks depend on its own seed and step only, whatever its stack.
    Placeholder<TInt64> seeds =
        tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(length, m, 2)));
    List<Operand<TInt64>> stepSeeds = new ArrayList<>();
    tf.unstack(seeds, (long) length).forEach(stepSeeds::add);
    List<Operand<TInt32>> batches = new ArrayList<>();
    tf.unstack(indices, (long) length)
        // TensorFlow's optimizer does not trust the shapes of fed placeholders; a reshape to a
        // constant shape lets it fold the shape arithmetic of every step into constants.
        .forEach(b -> batches.add(tf.reshape(b, tf.constant(new int[] {m, batchSize}))));
    List<Operand<TFloat32>> stepRates = new ArrayList<>();
    tf.unstack(rates, (long) length)
        .forEach(r -> stepRates.add(tf.reshape(r, tf.constant(new int[] {m, 1, 1}))));

    List<Operand<TFloat32>> losses = new ArrayList<>();
    Op previous = null;
    for (int k = 0; k < length; k++) {
      // Every op of this step, in particular every read of a weight, runs after the previous
      // step's updates: the variables are updated in place.
      Ops stepOps = previous == null ? tf : tf.withControlDependencies(List.of(previous));
      StepOutputs step =
          state.network() instanceof MlpArchitecture
              ? step(stepOps, batches.get(k), stepRates.get(k), stepSeeds.get(k), batchSize, state)
              : NetworkStackStep.step(
                  stepOps, batches.get(k), stepRates.get(k), stepSeeds.get(k), state);
      losses.add(step.losses());
      previous = step.done();
    }
    return new StackedStepChain(
        length, batchSize, indices, rates, seeds, tf.stack(losses), previous);
  }

  /** One step's per-example losses {@code [M, batch]} and the no-op that follows its updates. */
  record StepOutputs(Operand<TFloat32> losses, Op done) {}

  private static StepOutputs step(
      Ops tf,
      Operand<TInt32> batch,
      Operand<TFloat32> rate,
      Operand<TInt64> seeds,
      int batchSize,
      StackVariables state) {
    Operand<TInt32> axis0 = tf.constant(0);
    Operand<TFloat32> x = tf.gather(state.features(), batch, axis0);
    Operand<TFloat32> oneHot =
        tf.oneHot(
            tf.gather(state.labels(), batch, axis0),
            tf.constant(state.classes()),
            tf.constant(1f),
            tf.constant(0f));
    List<Operand<TFloat32>> weights = new ArrayList<>(state.weights());
    List<Operand<TFloat32>> masks =
        state.dropout() == null ? List.of() : dropoutMasks(tf, seeds, batchSize, state);
    StackedMlp.Forward forward = StackedMlp.forward(tf, x, weights, masks);
    Operand<TFloat32> losses = MlpGraph.perExample(tf, forward.logits(), oneHot).loss();
    List<Operand<TFloat32>> gradients =
        StackedMlp.meanCrossEntropyGradients(tf, forward, weights, oneHot, batchSize);

    if (state.optimizer() != Optimizer.Kind.SGD) {
      List<Operand<TFloat32>> e = perturbation(tf, weights, gradients, state);
      List<Operand<TFloat32>> perturbed = new ArrayList<>();
      for (int i = 0; i < e.size(); i++) {
        perturbed.add(tf.math.add(weights.get(i), e.get(i)));
      }
      // The same minibatches at w + e; e is a constant of this gradient (SAM's approximation).
      StackedMlp.Forward atPerturbed = StackedMlp.forward(tf, x, perturbed, masks);
      gradients =
          StackedMlp.meanCrossEntropyGradients(tf, atPerturbed, perturbed, oneHot, batchSize);
    }
    if (state.weightDecay() != null) {
      Operand<TFloat32> decay = perModel(tf, state.weightDecay());
      List<Operand<TFloat32>> decayed = new ArrayList<>();
      for (int i = 0; i < gradients.size(); i++) {
        decayed.add(tf.math.add(gradients.get(i), tf.math.mul(decay, weights.get(i))));
      }
      gradients = decayed;
    }

    // Every update must see gradients of the same weights: the updates wait for all of them.
    List<Op> computed = new ArrayList<>();
    List<Operand<TFloat32>> descent = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      var identity = tf.identity(g);
      computed.add(identity);
      descent.add(identity);
    }
    Ops after = tf.withControlDependencies(computed);
    List<Op> updates = new ArrayList<>();
    boolean momentum = !state.velocities().isEmpty();
    Operand<TFloat32> mu = momentum ? perModel(after, state.momentum()) : null;
    for (int i = 0; i < weights.size(); i++) {
      Operand<TFloat32> g = descent.get(i);
      if (momentum) {
        // TensorFlow's ApplyMomentum, per model: v <- mu v + g; w <- w - lr v.
        Variable<TFloat32> v = state.velocities().get(i);
        Operand<TFloat32> newVelocity = after.math.add(after.math.mul(mu, v), g);
        updates.add(after.assign(v, newVelocity));
        updates.add(after.assignSub(state.weights().get(i), after.math.mul(rate, newVelocity)));
      } else {
        updates.add(after.assignSub(state.weights().get(i), after.math.mul(rate, g)));
      }
    }
    return new StepOutputs(losses, tf.withControlDependencies(updates).noOp());
  }

  /**
   * SAM's and ASAM's ascent step for every model ({@link Optimizer} has the definitions): with s =
   * T g (s = g for SAM), e = rho T s / (||s|| + guard), each model's norm over all its tensors.
   * Squared norms are batched dot products rather than reductions, so that they do not depend on
   * the stack's size.
   */
  private static List<Operand<TFloat32>> perturbation(
      Ops tf,
      List<Operand<TFloat32>> weights,
      List<Operand<TFloat32>> gradients,
      StackVariables state) {
    boolean adaptive = state.optimizer() == Optimizer.Kind.ASAM;
    int m = state.models();
    Operand<TFloat32> eta = adaptive ? perModel(tf, state.eta()) : null;
    List<Operand<TFloat32>> scales = new ArrayList<>(); // T, or null where T is the identity
    List<Operand<TFloat32>> scaled = new ArrayList<>(); // s = T g
    List<Operand<TFloat32>> squaredNorms = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      boolean kernel = i % 2 == 0;
      Operand<TFloat32> t =
          adaptive && kernel ? tf.math.add(tf.math.abs(weights.get(i)), eta) : null;
      Operand<TFloat32> s = t == null ? gradients.get(i) : tf.math.mul(t, gradients.get(i));
      scales.add(t);
      scaled.add(s);
      Operand<TFloat32> row = tf.reshape(s, tf.constant(new int[] {m, 1, -1}));
      squaredNorms.add(StackedMlp.batchMatMul(tf, row, row, false, true)); // [M, 1, 1]
    }
    Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(squaredNorms));
    Operand<TFloat32> step =
        tf.math.div(
            perModel(tf, state.rho()),
            tf.math.add(norm, tf.constant((float) Optimizer.NORM_GUARD)));
    List<Operand<TFloat32>> e = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Operand<TFloat32> t = scales.get(i);
      Operand<TFloat32> direction = t == null ? scaled.get(i) : tf.math.mul(t, scaled.get(i));
      e.add(tf.math.mul(direction, step));
    }
    return e;
  }

  /**
   * Each hidden layer's inverted-dropout masks, {@code [M, batch, width]}: for model m, units kept
   * with probability 1 - rate_m and scaled by 1 / (1 - rate_m), drawn by a stateless generator from
   * m's own seeds. A rate of 0 gives a mask of ones, exactly.
   */
  private static List<Operand<TFloat32>> dropoutMasks(
      Ops tf, Operand<TInt64> seeds, int batchSize, StackVariables state) {
    List<Operand<TFloat32>> masks = new ArrayList<>();
    int m = state.models();
    List<Operand<TInt64>> modelSeeds = new ArrayList<>();
    tf.unstack(seeds, (long) m).forEach(modelSeeds::add);
    for (int layer = 0; layer < state.hiddenWidths().length; layer++) {
      List<Operand<TFloat32>> perModel = new ArrayList<>();
      for (int k = 0; k < m; k++) {
        // The layer enters the seed, so that layers draw different masks.
        Operand<TInt64> seed =
            tf.math.add(modelSeeds.get(k), tf.constant(new long[] {0, (long) layer << 40}));
        Operand<TFloat32> u =
            tf.random.statelessRandomUniform(
                tf.constant(new int[] {batchSize, state.hiddenWidths()[layer]}), seed);
        float rate = state.dropout()[k];
        perModel.add(
            tf.math.mul(
                tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class),
                tf.constant(1f / (1f - rate))));
      }
      masks.add(tf.stack(perModel));
    }
    return masks;
  }

  /** A per-model value as a {@code [M, 1, 1]} constant that broadcasts over a model's tensors. */
  private static Operand<TFloat32> perModel(Ops tf, float[] values) {
    return tf.reshape(tf.constant(values), tf.constant(new int[] {values.length, 1, 1}));
  }
}
