package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.losslandscape.models.training.StepChain.TrainingVariables;
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
 * The TensorFlow side of one {@link SgdTrainer} run: the graph with the training set and the
 * weights in variables, the reference step and the chained steps ({@link StepChain}), the
 * evaluation of the training set, and the session that runs them. {@link SgdLoop} decides what runs
 * when. Closes its native resources.
 */
final class SgdGraph implements AutoCloseable {

  /** Examples per evaluation run over the training set; bounds activation memory. */
  private static final int EVAL_CHUNK = 10_000;

  /**
   * The variables of a run and the ops that load them, which exist before any training op does.
   *
   * @param tf the op builder every later op of the graph is added with
   * @param variables the data, weights and momentum buffers the steps use
   * @param trainingSet the training set's variables and their load ops
   * @param initialIn the initial weights, fed once by the load run
   * @param loadOps the assignments the load run executes
   */
  private record Declared(
      Ops tf,
      TrainingVariables variables,
      TrainingSetInGraph trainingSet,
      List<Placeholder<TFloat32>> initialIn,
      List<Op> loadOps) {}

  private final Parameters initial;
  private final LabeledData train;
  private final TrainingConfig config;
  private final GraphSession<Declared> resources;
  private final Session session;
  private final List<Variable<TFloat32>> weights;

  /** The reference step: one per run, any minibatch size. */
  private final StepChain single;

  /**
   * A chain of min(steps per run, full minibatches per epoch, steps to run) full minibatches, or
   * null when that is less than 2.
   */
  private final StepChain block;

  private final Placeholder<TInt32> evalIndices;
  private final Operand<TFloat32> evalLossSum;
  private final Operand<TFloat32> evalCorrectSum;

  /**
   * Builds the graph and loads the data and the initial weights.
   *
   * @param settings where and with how many threads the session runs
   * @param stepsPerRun the longest chain of steps one run may do
   * @param stepsToRun the most steps this graph will run (no chain is built longer than that)
   */
  SgdGraph(
      ExecutionSettings settings,
      int stepsPerRun,
      Parameters initial,
      LabeledData train,
      TrainingConfig config,
      long stepsToRun) {
    this.initial = initial;
    this.train = train;
    this.config = config;
    // Load before the training ops exist: TensorFlow optimizes the whole graph for every new
    // kind of run, and with a long chain in it the two set-up runs alone took seconds.
    resources = GraphSession.open(settings, this::declare, this::load);
    try {
      session = resources.session();
      Declared declared = resources.parts();
      Ops tf = declared.tf();
      TrainingVariables state = declared.variables();
      weights = state.weights();
      single = StepChain.oneStepOfAnySize(tf, state, config);
      long longest =
          Math.min(stepsPerRun, Math.min(train.count() / config.batchSize(), stepsToRun));
      block =
          longest >= 2
              ? StepChain.fixedSize(tf, (int) longest, config.batchSize(), state, config)
              : null;

      Operand<TInt32> axis0 = tf.constant(0);
      evalIndices = tf.placeholder(TInt32.class);
      Operand<TFloat32> evalLogits =
          MlpGraph.logits(tf, tf.gather(state.features(), evalIndices, axis0), weights);
      Operand<TFloat32> oneHot =
          tf.oneHot(
              tf.gather(state.labels(), evalIndices, axis0),
              tf.constant(initial.architecture().classes()),
              tf.constant(1f),
              tf.constant(0f));
      MlpGraph.PerExample perExample = MlpGraph.perExample(tf, evalLogits, oneHot);
      evalLossSum = tf.reduceSum(perExample.loss(), axis0);
      evalCorrectSum = tf.reduceSum(perExample.correct(), axis0);
    } catch (RuntimeException | Error e) {
      // A half-built graph still holds native memory: release it before rethrowing.
      resources.close();
      throw e;
    }
  }

  private Declared declare(Ops tf) {
    TrainingSetInGraph trainingSet = TrainingSetInGraph.declare(tf, train);
    List<Op> loadOps = new ArrayList<>();

    List<Variable<TFloat32>> variables = new ArrayList<>();
    List<Placeholder<TFloat32>> initialIn = new ArrayList<>();
    List<Variable<TFloat32>> velocities = new ArrayList<>();
    for (Parameter p : initial.tensors()) {
      Shape shape = Shape.of(Tensors.shape(p.shape()));
      Variable<TFloat32> w =
          tf.withName(p.name().replace('.', '_')).variable(shape, TFloat32.class);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class);
      variables.add(w);
      initialIn.add(in);
      loadOps.add(tf.assign(w, in));
      if (config.momentum() > 0) {
        velocities.add(tf.variable(tf.zeros(tf.constant(shape.asArray()), TFloat32.class)));
      }
    }
    TrainingVariables state =
        new TrainingVariables(
            trainingSet.features(),
            trainingSet.labels(),
            variables,
            velocities,
            initial.tensors(),
            initial.architecture().classes());
    return new Declared(tf, state, trainingSet, initialIn, loadOps);
  }

  /** Zeroes the momentum buffers and loads the training set and the initial weights. */
  private void load(Session opened, Declared declared) {
    opened.initialize();
    List<TFloat32> fed = new ArrayList<>();
    try (TrainingSetInGraph.Fed data = TrainingSetInGraph.tensorsOf(train)) {
      Session.Runner runner = declared.trainingSet().loadRunner(opened, data);
      for (int i = 0; i < declared.initialIn().size(); i++) {
        Parameter p = initial.tensors().get(i);
        TFloat32 t = Tensors.floats(p.values(), Tensors.shape(p.shape()));
        fed.add(t);
        runner.feed(declared.initialIn().get(i), t);
      }
      declared.loadOps().forEach(runner::addTarget);
      runner.run().close();
    } finally {
      fed.forEach(TFloat32::close);
    }
  }

  /** The reference step: one per run, any minibatch size. */
  StepChain single() {
    return single;
  }

  /** The chain of full minibatches, or null when this run has none of at least 2 steps. */
  StepChain block() {
    return block;
  }

  /**
   * Runs the steps of {@code chain} on the consecutive minibatches of {@code batchSize} examples
   * starting at {@code order[from]}; returns each step's minibatch loss.
   */
  float[] runChain(StepChain chain, int[] order, int from, int batchSize, float[] rates) {
    try (TInt32 indices = Tensors.intsFrom(order, from, chain.length(), batchSize);
        TFloat32 lr = Tensors.floats(rates, chain.length());
        Result result =
            session
                .runner()
                .feed(chain.indices(), indices)
                .feed(chain.rates(), lr)
                .fetch(chain.losses())
                .addTarget(chain.update())
                .run()) {
      return Tensors.toArray((TFloat32) result.get(0));
    }
  }

  /** Loss and accuracy on the whole training set, as the curve's point after {@code steps}. */
  EpochRecord evaluate(double epochs, long steps) {
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

  /** The current weights, read from the session. */
  Parameters readParameters() {
    Session.Runner runner = session.runner();
    weights.forEach(runner::fetch);
    List<Parameter> out = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < weights.size(); i++) {
        out.add(initial.tensors().get(i).withValues(Tensors.toArray((TFloat32) result.get(i))));
      }
    }
    return new Parameters(initial.architecture(), out);
  }

  @Override
  public void close() {
    resources.close();
  }
}
