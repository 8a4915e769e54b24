package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Minibatch SGD (optionally with heavy-ball momentum) on the MLP, as one TensorFlow graph.
 *
 * <p>The whole training set lives in a graph variable and each step feeds only the minibatch's
 * indices: a step at batch 32 is almost all fixed {@code Session.run} overhead, so copying the
 * batch from Java each time would cost more than the arithmetic. Gradients are taken with respect
 * to the model's own variables only, never the data variable.
 *
 * <p>Deterministic: the same initial parameters, data, config and thread settings give the same
 * weights, because shuffles are drawn in Java from the config's seed.
 */
public final class SgdTrainer {

  /** Examples per evaluation run over the training set; bounds activation memory. */
  private static final int EVAL_CHUNK = 10_000;

  /** How often (in steps) the listener hears about progress. */
  private static final int PROGRESS_EVERY = 250;

  private final ExecutionSettings settings;

  public SgdTrainer(ExecutionSettings settings) {
    this.settings = settings;
  }

  /** Trains from {@code initial} on {@code train} under {@code config}. */
  public TrainingResult train(
      Parameters initial, LabeledData train, TrainingConfig config, TrainingListener listener) {
    long started = System.nanoTime();
    try (TrainingGraph g = new TrainingGraph(initial, train, config)) {
      return g.run(listener, started);
    }
  }

  /**
   * Times the training step alone, on the same graph and step code as {@link #train}: builds the
   * graph and loads the data (untimed), runs {@code warmupSteps} untimed steps (the first runs pay
   * for graph optimization and kernel selection), then times {@code timedSteps} steps on shuffled
   * minibatches of {@code config.batchSize()}. No epoch evaluation is included.
   */
  public StepTiming timeSteps(
      Parameters initial,
      LabeledData train,
      TrainingConfig config,
      int warmupSteps,
      int timedSteps) {
    if (warmupSteps < 0 || timedSteps < 1 || config.batchSize() > train.count()) {
      throw new IllegalArgumentException(
          "need warm-up >= 0, timed steps >= 1 and batch <= examples, got "
              + warmupSteps
              + ", "
              + timedSteps
              + ", "
              + config.batchSize()
              + " of "
              + train.count());
    }
    try (TrainingGraph g = new TrainingGraph(initial, train, config)) {
      return g.timeSteps(warmupSteps, timedSteps);
    }
  }

  /** The graph, session and loop of one run; closes its native resources. */
  private final class TrainingGraph implements AutoCloseable {
    private final Parameters initial;
    private final LabeledData train;
    private final TrainingConfig config;
    private final Graph graph = new Graph();
    private final Session session;
    private final List<Variable<TFloat32>> variables = new ArrayList<>();
    private final Placeholder<TInt32> batchIndices;
    private final Placeholder<TFloat32> learningRate;
    private final Operand<TFloat32> batchLoss;
    private final Op step;
    private final Placeholder<TInt32> evalIndices;
    private final Operand<TFloat32> evalLossSum;
    private final Operand<TFloat32> evalCorrectSum;

    TrainingGraph(Parameters initial, LabeledData train, TrainingConfig config) {
      this.initial = initial;
      this.train = train;
      this.config = config;
      Ops tf = settings.ops(graph);
      Operand<TInt32> axis0 = tf.constant(0);

      Variable<TFloat32> data =
          tf.withName("train_features")
              .variable(Shape.of(train.count(), train.featureSize()), TFloat32.class);
      Variable<TInt32> labels =
          tf.withName("train_labels").variable(Shape.of(train.count()), TInt32.class);
      Placeholder<TFloat32> dataIn = tf.placeholder(TFloat32.class);
      Placeholder<TInt32> labelsIn = tf.placeholder(TInt32.class);
      List<Op> loadOps =
          new ArrayList<>(List.of(tf.assign(data, dataIn), tf.assign(labels, labelsIn)));

      List<Placeholder<TFloat32>> initialIn = new ArrayList<>();
      for (Parameter p : initial.tensors()) {
        Variable<TFloat32> v =
            tf.withName(p.name().replace('.', '_'))
                .variable(Shape.of(Tensors.shape(p.shape())), TFloat32.class);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class);
        variables.add(v);
        initialIn.add(in);
        loadOps.add(tf.assign(v, in));
      }

      batchIndices = tf.placeholder(TInt32.class);
      learningRate = tf.placeholder(TFloat32.class);
      Operand<TFloat32> xb = tf.gather(data, batchIndices, axis0);
      Operand<TInt32> yb = tf.gather(labels, batchIndices, axis0);
      batchLoss =
          MlpGraph.meanCrossEntropy(
              tf, MlpGraph.logits(tf, xb, variables), yb, initial.architecture().classes());

      // Every update must see gradients of the same weights: without these control
      // dependencies an early update can race a later gradient (one test run went NaN).
      List<Op> gradients = new ArrayList<>();
      for (Operand<?> gradient : tf.gradients(batchLoss, variables)) {
        gradients.add(tf.identity(gradient));
      }
      Ops afterGradients = tf.withControlDependencies(gradients);
      List<Op> updates = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> gradient = (Operand<TFloat32>) gradients.get(i);
        Variable<TFloat32> v = variables.get(i);
        if (config.momentum() > 0) {
          Variable<TFloat32> velocity = tf.variable(tf.zerosLike(initialValue(tf, v)));
          updates.add(
              afterGradients.train.applyMomentum(
                  v, velocity, learningRate, gradient, tf.constant((float) config.momentum())));
        } else {
          updates.add(afterGradients.train.applyGradientDescent(v, learningRate, gradient));
        }
      }
      step = tf.withControlDependencies(updates).noOp();

      evalIndices = tf.placeholder(TInt32.class);
      Operand<TFloat32> evalLogits =
          MlpGraph.logits(tf, tf.gather(data, evalIndices, axis0), variables);
      Operand<TFloat32> oneHot =
          tf.oneHot(
              tf.gather(labels, evalIndices, axis0),
              tf.constant(initial.architecture().classes()),
              tf.constant(1f),
              tf.constant(0f));
      MlpGraph.PerExample perExample = MlpGraph.perExample(tf, evalLogits, oneHot);
      evalLossSum = tf.reduceSum(perExample.loss(), axis0);
      evalCorrectSum = tf.reduceSum(perExample.correct(), axis0);

      session = settings.openSession(graph);
      session.initialize();
      load(loadOps, dataIn, labelsIn, initialIn);
    }

    private Operand<TFloat32> initialValue(Ops tf, Variable<TFloat32> v) {
      return tf.zeros(tf.constant(v.shape().asArray()), TFloat32.class);
    }

    private void load(
        List<Op> loadOps,
        Placeholder<TFloat32> dataIn,
        Placeholder<TInt32> labelsIn,
        List<Placeholder<TFloat32>> initialIn) {
      List<TFloat32> fed = new ArrayList<>();
      try (TFloat32 x = Tensors.floats(train.features(), train.count(), train.featureSize());
          TInt32 y = Tensors.ints(train.labels(), train.count())) {
        Session.Runner runner = session.runner().feed(dataIn, x).feed(labelsIn, y);
        for (int i = 0; i < initialIn.size(); i++) {
          Parameter p = initial.tensors().get(i);
          TFloat32 t = Tensors.floats(p.values(), Tensors.shape(p.shape()));
          fed.add(t);
          runner.feed(initialIn.get(i), t);
        }
        loadOps.forEach(runner::addTarget);
        runner.run().close();
      } finally {
        fed.forEach(TFloat32::close);
      }
    }

    TrainingResult run(TrainingListener listener, long started) {
      TrainingBudget budget = config.budget();
      int n = train.count();
      long perEpoch = TrainingBudget.stepsPerEpoch(n, config.batchSize());
      long planned = budget.plannedSteps(n, config.batchSize());
      EpochOrder shuffles = new EpochOrder(config.seed(), n);
      List<EpochRecord> curve = new ArrayList<>();
      long steps = 0;
      TrainingStatus status = null;
      String message = "";

      while (status == null) {
        int[] order = shuffles.next();
        for (int from = 0; from < n && steps < planned; from += config.batchSize()) {
          int to = Math.min(n, from + config.batchSize());
          double rate = config.schedule().rate(config.learningRate(), steps, planned);
          double loss = step(java.util.Arrays.copyOfRange(order, from, to), rate);
          steps++;
          if (!(loss <= config.divergenceLimit())) { // also catches NaN
            status = TrainingStatus.DIVERGED;
            message =
                String.format(
                    "minibatch loss %s at step %d (limit %.1f): learning rate %s is too high for"
                        + " this setup",
                    loss, steps, config.divergenceLimit(), config.learningRate());
            break;
          }
          if (steps % PROGRESS_EVERY == 0) {
            listener.onProgress(config, steps, planned, loss);
          }
        }
        if (status != null) {
          break;
        }
        double epochs = (double) steps / perEpoch;
        EpochRecord record = evaluate(epochs, steps);
        curve.add(record);
        listener.onEpoch(config, record);
        if (!(record.loss() <= config.divergenceLimit())) {
          status = TrainingStatus.DIVERGED;
          message = "training loss " + record.loss() + " after epoch " + curve.size();
        } else if (budget instanceof TrainingBudget.TargetLoss target
            && record.loss() <= target.loss()) {
          status = TrainingStatus.COMPLETED;
        } else if (steps >= planned) {
          if (budget instanceof TrainingBudget.TargetLoss target) {
            status = TrainingStatus.TARGET_NOT_REACHED;
            message =
                String.format(
                    "training loss %.4f > target %s after the cap of %d steps",
                    record.loss(), target.loss(), planned);
          } else {
            status = TrainingStatus.COMPLETED;
          }
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new TrainingResult(
          config,
          readParameters(),
          status,
          steps,
          (double) steps / perEpoch,
          curve,
          seconds,
          message);
    }

    StepTiming timeSteps(int warmupSteps, int timedSteps) {
      int n = train.count();
      int batch = config.batchSize();
      EpochOrder shuffles = new EpochOrder(config.seed(), n);
      int[] order = null;
      int from = n;
      long started = 0;
      for (int s = 0; s < warmupSteps + timedSteps; s++) {
        if (s == warmupSteps) {
          started = System.nanoTime();
        }
        // Full batches only, so every timed step does the same work.
        if (from + batch > n) {
          order = shuffles.next();
          from = 0;
        }
        step(java.util.Arrays.copyOfRange(order, from, from + batch), config.learningRate());
        from += batch;
      }
      return new StepTiming(batch, timedSteps, (System.nanoTime() - started) / 1e9);
    }

    private double step(int[] indices, double rate) {
      try (TInt32 idx = Tensors.ints(indices, indices.length);
          TFloat32 lr = TFloat32.scalarOf((float) rate);
          Result result =
              session
                  .runner()
                  .feed(batchIndices, idx)
                  .feed(learningRate, lr)
                  .fetch(batchLoss)
                  .addTarget(step)
                  .run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    }

    private EpochRecord evaluate(double epochs, long steps) {
      double loss = 0;
      double correct = 0;
      int n = train.count();
      for (int from = 0; from < n; from += EVAL_CHUNK) {
        int to = Math.min(n, from + EVAL_CHUNK);
        int[] chunk = new int[to - from];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = from + i;
        }
        try (TInt32 idx = Tensors.ints(chunk, chunk.length);
            Result result =
                session
                    .runner()
                    .feed(evalIndices, idx)
                    .fetch(evalLossSum)
                    .fetch(evalCorrectSum)
                    .run()) {
          loss += ((TFloat32) result.get(0)).getFloat();
          correct += ((TFloat32) result.get(1)).getFloat();
        }
      }
      return new EpochRecord(epochs, steps, loss / n, correct / n);
    }

    private Parameters readParameters() {
      Session.Runner runner = session.runner();
      variables.forEach(runner::fetch);
      List<Parameter> out = new ArrayList<>();
      try (Result result = runner.run()) {
        for (int i = 0; i < variables.size(); i++) {
          out.add(initial.tensors().get(i).withValues(Tensors.toArray((TFloat32) result.get(i))));
        }
      }
      return new Parameters(initial.architecture(), out);
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }
}
