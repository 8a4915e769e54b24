package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Minibatch training of the MLP (SGD, SAM or ASAM, optionally with heavy-ball momentum) as one
 * TensorFlow graph.
 *
 * <p>The whole training set lives in a graph variable and each step feeds only the minibatch's
 * indices: a step at batch 32 is almost all fixed overhead, so copying the batch from Java each
 * time would cost more than the arithmetic. Gradients are taken with respect to the model's own
 * variables only, never the data variable.
 *
 * <p>With one step per run ({@code stepsPerRun} 1) every step is its own {@code Session.run} on a
 * graph fed minibatches of any size: the reference path, kept as the baseline that the chained path
 * is tested and timed against. With more, full minibatches run in chains of up to {@code
 * stepsPerRun} steps per run, unrolled in the graph with a fixed minibatch size ({@link
 * StepChain}), fed a block of minibatches and one learning rate per step. A chain never crosses an
 * epoch end (the training set is evaluated there and the epoch's last minibatch may be short), a
 * checkpoint or the end of the budget; the few steps left before such a boundary, and a short last
 * minibatch, run one per run on the reference step.
 *
 * <p>Deterministic: the same initial parameters, data, config and thread settings give the same
 * weights, because shuffles are drawn in Java from the config's seed; and the number of steps per
 * run does not change them, bit for bit, for runs that do not diverge. Divergence and progress are
 * noticed once per run, so a diverged run stops at the end of the run that contained the first loss
 * over the limit (see {@link TrainingResult#parameters()}).
 */
public final class SgdTrainer {

  /**
   * Steps per {@code Session.run} unless told otherwise. Measured on this 2-core machine
   * (results/README.md, "Training: several steps per run, measured"): at batch 32 chains of 4 to 16
   * steps all took about 0.7 of the reference step's time, while every step of chain length costs
   * about 0.05-0.1 s more graph building and optimization per training run. At batch 1024 the
   * arithmetic dominates and chains neither help nor hurt.
   */
  public static final int DEFAULT_STEPS_PER_RUN = 8;

  /** Examples per evaluation run over the training set; bounds activation memory. */
  private static final int EVAL_CHUNK = 10_000;

  /** How often (in steps) the listener hears about progress, at the next run boundary. */
  private static final int PROGRESS_EVERY = 250;

  private final ExecutionSettings settings;
  private final int stepsPerRun;

  /** A trainer doing {@link #DEFAULT_STEPS_PER_RUN} steps per {@code Session.run}. */
  public SgdTrainer(ExecutionSettings settings) {
    this(settings, DEFAULT_STEPS_PER_RUN);
  }

  /**
   * A trainer doing up to {@code stepsPerRun} steps per {@code Session.run} (1 = one run per step,
   * the slowest and the simplest graph).
   */
  public SgdTrainer(ExecutionSettings settings, int stepsPerRun) {
    if (stepsPerRun < 1) {
      throw new IllegalArgumentException("steps per run must be >= 1, got " + stepsPerRun);
    }
    this.settings = settings;
    this.stepsPerRun = stepsPerRun;
  }

  /** The most training steps one {@code Session.run} does. */
  public int stepsPerRun() {
    return stepsPerRun;
  }

  /**
   * Trains from {@code initial} on {@code train} under {@code config}.
   *
   * @throws IllegalArgumentException for dropout or a training subset, which only {@link
   *     StackedTrainer} implements
   */
  public TrainingResult train(
      Parameters initial, LabeledData train, TrainingConfig config, TrainingListener listener) {
    requireSupported(config);
    long started = System.nanoTime();
    long planned = config.budget().plannedSteps(train.count(), config.batchSize());
    try (TrainingGraph g = new TrainingGraph(initial, train, config, planned)) {
      return g.run(listener, started);
    }
  }

  /**
   * Times the training step alone, on the same graph and step code as {@link #train}: builds the
   * graph and loads the data (untimed), runs at least {@code warmupSteps} untimed steps (the first
   * runs pay for graph optimization and kernel selection), then times at least {@code timedSteps}
   * steps on shuffled full minibatches of {@code config.batchSize()}, in runs of this trainer's
   * steps per run (fewer when an epoch holds fewer full minibatches), so whole runs are timed. The
   * config's budget and schedule are ignored: every step uses the base learning rate. No epoch
   * evaluation is included. Time a trainer with one step per run next to one with more to compare
   * the reference and the chained paths.
   */
  public StepTiming timeSteps(
      Parameters initial,
      LabeledData train,
      TrainingConfig config,
      int warmupSteps,
      int timedSteps) {
    requireSupported(config);
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
    try (TrainingGraph g =
        new TrainingGraph(initial, train, config, (long) warmupSteps + timedSteps)) {
      return g.timeSteps(warmupSteps, timedSteps);
    }
  }

  private static void requireSupported(TrainingConfig config) {
    if (config.dropout() > 0 || config.trainExamples() > 0) {
      throw new IllegalArgumentException(
          config.name()
              + ": the single-model reference trainer has no dropout and no training subset;"
              + " the stacked trainer has both");
    }
  }

  /**
   * The variables of a run and the ops that load them, which exist before any training op does.
   *
   * @param tf the op builder every later op of the graph is added with
   * @param variables the data, weights and momentum buffers the steps use
   * @param dataIn the training set's features, fed once by the load run
   * @param labelsIn the training set's labels, fed once by the load run
   * @param initialIn the initial weights, fed once by the load run
   * @param loadOps the assignments the load run executes
   */
  private record Declared(
      Ops tf,
      TrainingVariables variables,
      Placeholder<TFloat32> dataIn,
      Placeholder<TInt32> labelsIn,
      List<Placeholder<TFloat32>> initialIn,
      List<Op> loadOps) {}

  /** The graph, session and loop of one run; closes its native resources. */
  private final class TrainingGraph implements AutoCloseable {
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
     * @param stepsToRun the most steps this graph will run (no chain is built longer than that)
     */
    TrainingGraph(Parameters initial, LabeledData train, TrainingConfig config, long stepsToRun) {
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
      Variable<TFloat32> data =
          tf.withName("train_features")
              .variable(Shape.of(train.count(), train.featureSize()), TFloat32.class);
      Variable<TInt32> labels =
          tf.withName("train_labels").variable(Shape.of(train.count()), TInt32.class);
      Placeholder<TFloat32> dataIn = tf.placeholder(TFloat32.class);
      Placeholder<TInt32> labelsIn = tf.placeholder(TInt32.class);
      List<Op> loadOps =
          new ArrayList<>(List.of(tf.assign(data, dataIn), tf.assign(labels, labelsIn)));

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
              data,
              labels,
              variables,
              velocities,
              initial.tensors(),
              initial.architecture().classes());
      return new Declared(tf, state, dataIn, labelsIn, initialIn, loadOps);
    }

    /** Zeroes the momentum buffers and loads the training set and the initial weights. */
    private void load(Session opened, Declared declared) {
      opened.initialize();
      List<TFloat32> fed = new ArrayList<>();
      try (TFloat32 x = Tensors.floats(train.features(), train.count(), train.featureSize());
          TInt32 y = Tensors.ints(train.labels(), train.count())) {
        Session.Runner runner =
            opened.runner().feed(declared.dataIn(), x).feed(declared.labelsIn(), y);
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

    TrainingResult run(TrainingListener listener, long started) {
      TrainingBudget budget = config.budget();
      int n = train.count();
      int batch = config.batchSize();
      long perEpoch = TrainingBudget.stepsPerEpoch(n, batch);
      int fullBatches = n / batch;
      long planned = budget.plannedSteps(n, batch);
      long[] checkpointSteps = CheckpointPlan.steps(config.checkpoints(), planned);
      List<Checkpoint> checkpoints = new ArrayList<>();
      int nextCheckpoint = 0;
      if (checkpointSteps.length > 0) {
        checkpoints.add(new Checkpoint(0, readParameters()));
        nextCheckpoint = 1;
      }
      EpochOrder shuffles = new EpochOrder(config.seed(), n);
      List<EpochRecord> curve = new ArrayList<>();
      long steps = 0;
      TrainingStatus status = null;
      String message = "";

      while (status == null) {
        int[] order = shuffles.next();
        int b = 0; // minibatches of this epoch done
        while (b < perEpoch && steps < planned) {
          long boundary =
              nextCheckpoint < checkpointSteps.length
                  ? Math.min(planned, checkpointSteps[nextCheckpoint])
                  : planned;
          boolean blockFits =
              block != null
                  && b + block.length() <= fullBatches
                  && steps + block.length() <= boundary;
          StepChain chain = blockFits ? block : single;
          int from = b * batch;
          float[] losses =
              runChain(chain, order, from, Math.min(batch, n - from), rates(chain, steps, planned));
          steps += chain.length();
          b += chain.length();

          int diverged = firstOverLimit(losses);
          if (diverged >= 0) {
            status = TrainingStatus.DIVERGED;
            message =
                String.format(
                    "minibatch loss %s at step %d (limit %.1f): learning rate %s is too high for"
                        + " this setup",
                    losses[diverged],
                    steps - chain.length() + diverged + 1,
                    config.divergenceLimit(),
                    config.learningRate());
            break;
          }
          if (steps / PROGRESS_EVERY != (steps - chain.length()) / PROGRESS_EVERY) {
            listener.onProgress(config, steps, planned, losses[losses.length - 1]);
          }
          if (nextCheckpoint < checkpointSteps.length && steps == checkpointSteps[nextCheckpoint]) {
            checkpoints.add(new Checkpoint(steps, readParameters()));
            nextCheckpoint++;
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
      Parameters last = readParameters();
      if (checkpointSteps.length > 0) {
        // The final weights close the trajectory, also when the run stopped early; a checkpoint
        // already kept at this very step is the same weights, so it gives way to them.
        if (checkpoints.get(checkpoints.size() - 1).step() == steps) {
          checkpoints.remove(checkpoints.size() - 1);
        }
        checkpoints.add(new Checkpoint(steps, last));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new TrainingResult(
          config,
          last,
          status,
          steps,
          (double) steps / perEpoch,
          curve,
          seconds,
          message,
          checkpoints);
    }

    /** The scheduled learning rates of the {@code chain.length()} steps from {@code firstStep}. */
    private float[] rates(StepChain chain, long firstStep, long planned) {
      float[] rates = new float[chain.length()];
      for (int k = 0; k < rates.length; k++) {
        rates[k] = (float) config.schedule().rate(config.learningRate(), firstStep + k, planned);
      }
      return rates;
    }

    /** The index of the first loss over the divergence limit (or NaN), else -1. */
    private int firstOverLimit(float[] losses) {
      for (int k = 0; k < losses.length; k++) {
        if (!(losses[k] <= config.divergenceLimit())) { // also catches NaN
          return k;
        }
      }
      return -1;
    }

    StepTiming timeSteps(int warmupSteps, int timedSteps) {
      int n = train.count();
      int batch = config.batchSize();
      StepChain timed = block != null ? block : single;
      int length = timed.length();
      int warmupRuns = Math.floorDiv(warmupSteps + length - 1, length);
      int timedRuns = Math.floorDiv(timedSteps + length - 1, length);
      float[] rates = new float[length];
      Arrays.fill(rates, (float) config.learningRate());
      EpochOrder shuffles = new EpochOrder(config.seed(), n);
      int[] order = null;
      int from = n;
      long started = 0;
      for (int r = 0; r < warmupRuns + timedRuns; r++) {
        if (r == warmupRuns) {
          started = System.nanoTime();
        }
        // Full blocks of full minibatches only, so every timed run does the same work.
        if (from + length * batch > n) {
          order = shuffles.next();
          from = 0;
        }
        runChain(timed, order, from, batch, rates);
        from += length * batch;
      }
      return new StepTiming(
          batch, length, (long) timedRuns * length, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Runs the steps of {@code chain} on the consecutive minibatches of {@code batchSize} examples
     * starting at {@code order[from]}; returns each step's minibatch loss.
     */
    private float[] runChain(StepChain chain, int[] order, int from, int batchSize, float[] rates) {
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
}
