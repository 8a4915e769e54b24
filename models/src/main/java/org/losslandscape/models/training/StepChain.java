package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code length} training steps unrolled into the graph, so that one {@code Session.run} does them
 * all: a step at batch 32 is mostly the fixed cost of a run, which this shares between the steps.
 *
 * <p>Each step is built from exactly the ops a lone step would use, and every op of step k + 1
 * waits for step k's updates, so the chain computes bit for bit what {@code length} separate runs
 * of a one-step chain compute.
 *
 * <p>Fed: {@link #indices()}, the minibatches' example indices as {@code [length, batch]}, and
 * {@link #rates()}, the learning rate of each step as {@code [length]} (so a schedule stays exact).
 * Fetched: {@link #losses()}, each step's minibatch loss (before its update) as {@code [length]};
 * run {@link #update()} as the target.
 */
record StepChain(
    int length,
    Placeholder<TInt32> indices,
    Placeholder<TFloat32> rates,
    Operand<TFloat32> losses,
    Op update) {

  /**
   * The variables a training step reads and writes.
   *
   * @param features the training set's features, {@code [examples, features]}
   * @param labels the training set's labels, {@code [examples]}
   * @param weights the model's parameter variables, in the order of {@code layout}
   * @param velocities one momentum buffer per weight, or empty for momentum 0
   * @param layout the parameters' names and shapes (kernels are matrices)
   * @param classes number of output classes
   */
  record TrainingVariables(
      Variable<TFloat32> features,
      Variable<TInt32> labels,
      List<Variable<TFloat32>> weights,
      List<Variable<TFloat32>> velocities,
      List<Parameter> layout,
      int classes) {
    TrainingVariables {
      weights = List.copyOf(weights);
      velocities = List.copyOf(velocities);
      layout = List.copyOf(layout);
    }
  }

  /**
   * Adds one step for a minibatch of any size, fed as {@code [1, size]}: the reference step, the
   * graph a one-step-per-run trainer has always used, and the step for a short last minibatch.
   */
  static StepChain oneStepOfAnySize(Ops tf, TrainingVariables state, TrainingConfig config) {
    return build(tf, 1, OptionalInt.empty(), state, config);
  }

  /**
   * Adds a chain of {@code length} steps on minibatches of exactly {@code batchSize} examples, fed
   * as {@code [length, batchSize]}.
   *
   * <p>The fixed size matters beyond the shared run: with every shape known when the graph is
   * optimized, TensorFlow folds the gradient's shape arithmetic (about half of a step's ops at
   * batch 32) into constants, which the one-step reference, fed any size, cannot do.
   */
  static StepChain fixedSize(
      Ops tf, int length, int batchSize, TrainingVariables state, TrainingConfig config) {
    if (length < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "a chain needs at least one step of at least one example, got "
              + length
              + " steps of "
              + batchSize);
    }
    return build(tf, length, OptionalInt.of(batchSize), state, config);
  }

  private static StepChain build(
      Ops tf, int length, OptionalInt batchSize, TrainingVariables state, TrainingConfig config) {
    Placeholder<TInt32> indices =
        batchSize.isPresent()
            ? tf.placeholder(
                TInt32.class, Placeholder.shape(Shape.of(length, batchSize.getAsInt())))
            : tf.placeholder(TInt32.class);
    Placeholder<TFloat32> rates = tf.placeholder(TFloat32.class);
    List<Operand<TInt32>> batches = new ArrayList<>();
    for (Operand<TInt32> batch : tf.unstack(indices, (long) length)) {
      // TensorFlow's optimizer does not trust the shapes of fed placeholders; a reshape to a
      // constant shape is what tells it the minibatch size.
      batches.add(
          batchSize.isPresent()
              ? tf.reshape(batch, tf.constant(new int[] {batchSize.getAsInt()}))
              : batch);
    }
    List<Operand<TFloat32>> stepRates = new ArrayList<>();
    tf.unstack(rates, (long) length).forEach(stepRates::add);

    List<Operand<TFloat32>> losses = new ArrayList<>();
    Op previous = null;
    for (int k = 0; k < length; k++) {
      // Every op of this step, in particular every read of a weight, runs after the previous
      // step's updates: the variables are updated in place, so an unordered read could see
      // either value.
      Ops stepOps = previous == null ? tf : tf.withControlDependencies(List.of(previous));
      Step step = step(stepOps, batches.get(k), stepRates.get(k), state, config);
      losses.add(step.loss());
      previous = step.done();
    }
    return new StepChain(length, indices, rates, tf.stack(losses), previous);
  }

  /** The loss of one step's minibatch and the no-op that completes after its updates. */
  private record Step(Operand<TFloat32> loss, Op done) {}

  private static Step step(
      Ops tf,
      Operand<TInt32> batch,
      Operand<TFloat32> rate,
      TrainingVariables state,
      TrainingConfig config) {
    Operand<TInt32> axis0 = tf.constant(0);
    Operand<TFloat32> x = tf.gather(state.features(), batch, axis0);
    Operand<TInt32> y = tf.gather(state.labels(), batch, axis0);
    Operand<TFloat32> loss =
        MlpGraph.meanCrossEntropy(tf, MlpGraph.logits(tf, x, state.weights()), y, state.classes());
    List<Identity<TFloat32>> descent = gradients(tf, loss, state.weights());

    Optimizer optimizer = config.optimizer();
    if (optimizer.isSharpnessAware()) {
      List<Operand<TFloat32>> e =
          SharpnessAwarePerturbation.perturbation(
              tf, optimizer, state.weights(), descent, state.layout());
      List<Operand<TFloat32>> perturbed = new ArrayList<>();
      for (int i = 0; i < e.size(); i++) {
        perturbed.add(tf.math.add(state.weights().get(i), e.get(i)));
      }
      // The same minibatch at w + e. Differentiating with respect to the perturbed tensors, not
      // the variables, treats e as a constant: SAM's first-order approximation.
      Operand<TFloat32> lossAtPerturbed =
          MlpGraph.meanCrossEntropy(tf, MlpGraph.logits(tf, x, perturbed), y, state.classes());
      descent = gradients(tf, lossAtPerturbed, perturbed);
    }

    if (config.weightDecay() > 0) {
      List<Identity<TFloat32>> decayed = new ArrayList<>();
      for (int i = 0; i < descent.size(); i++) {
        decayed.add(
            tf.identity(
                tf.math.add(
                    descent.get(i),
                    tf.math.mul(
                        tf.constant((float) config.weightDecay()), state.weights().get(i)))));
      }
      descent = decayed;
    }

    // Every update must see gradients of the same weights: without these control dependencies
    // an early update can race a later gradient (one test run went NaN).
    Ops afterGradients = tf.withControlDependencies(new ArrayList<Op>(descent));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < state.weights().size(); i++) {
      Variable<TFloat32> w = state.weights().get(i);
      Operand<TFloat32> g = descent.get(i);
      if (config.momentum() > 0) {
        updates.add(
            afterGradients.train.applyMomentum(
                w, state.velocities().get(i), rate, g, tf.constant((float) config.momentum())));
      } else {
        updates.add(afterGradients.train.applyGradientDescent(w, rate, g));
      }
    }
    return new Step(loss, tf.withControlDependencies(updates).noOp());
  }

  /** Gradients of {@code loss}, each behind an identity so that updates can depend on it. */
  @SuppressWarnings("unchecked")
  private static List<Identity<TFloat32>> gradients(
      Ops tf, Operand<TFloat32> loss, List<? extends Operand<TFloat32>> with) {
    List<Identity<TFloat32>> out = new ArrayList<>();
    for (Operand<?> gradient : tf.gradients(loss, with)) {
      out.add(tf.identity((Operand<TFloat32>) gradient));
    }
    return out;
  }
}
