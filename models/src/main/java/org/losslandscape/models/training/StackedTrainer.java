package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.losslandscape.models.training.StackedStepChain.StackVariables;
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
 * Trains a stack of M models in one TensorFlow graph: every parameter is stacked along a leading
 * model axis and every step of every model is one set of batched ops ({@link StackedStepChain}). A
 * small MLP at batch 32 leaves the hardware idle: one model's step is mostly the fixed cost of
 * running ops, which M models share.
 *
 * <p>The models of a stack share the architecture, the batch size, the budget and the optimizer's
 * kind ({@link StackKey}); each has its own initial weights, its own seed and so its own minibatch
 * order, and its own learning rate, schedule, momentum, weight decay, SAM/ASAM radius and
 * checkpoints. The training set lives once in the graph, whatever M is.
 *
 * <p>The loop is {@link SgdTrainer}'s, for M models at once: chains of up to {@code stepsPerRun}
 * steps per run, never crossing an epoch end (where every model still training is evaluated on the
 * full training set), a checkpoint of any model or the end of the budget. A model stops on its own:
 * when it diverges (a minibatch or epoch loss over its limit), when it reaches its target loss, or
 * at the end of the budget. A stopped model's learning rate is 0 from then on, so its weights no
 * longer change, and its result is taken when it stops; the others go on.
 *
 * <p>Exactness: a model's weights depend on its own initial weights, data order and values only,
 * not on the other models of its stack nor on their number, as far as TensorFlow's kernels compute
 * each model's slice of a batched op alike for any M; {@code StackedTrainerTest} checks stacks of
 * 1, 3 and 10 bit for bit. Losses are summed in Java, in double, in example order, for the same
 * reason. Against {@link SgdTrainer} (the single-model reference, whose gradients come from {@code
 * tf.gradients} and plain {@code MatMul}) the weights agree to float32 rounding.
 */
public final class StackedTrainer {

  /** Examples per evaluation run over the training set; bounds activation memory per model. */
  static final int EVAL_CHUNK = 5_000;

  /** Examples in the fixed subset a target loss is checked on between epoch ends. */
  static final int CHECK_SUBSET = 10_000;

  /** How close to a target loss (as a factor of it) a model is checked ten times as often. */
  static final double APPROACH = 1.1;

  private static final long CHECK_SUBSET_SEED = 0x5EEDL;

  /** How often (in steps) the listener hears about progress, at the next run boundary. */
  private static final int PROGRESS_EVERY = 250;

  private final ExecutionSettings settings;
  private final int stepsPerRun;

  /** A trainer doing {@link SgdTrainer#DEFAULT_STEPS_PER_RUN} steps per {@code Session.run}. */
  public StackedTrainer(ExecutionSettings settings) {
    this(settings, SgdTrainer.DEFAULT_STEPS_PER_RUN);
  }

  /** A trainer doing up to {@code stepsPerRun} steps per {@code Session.run}. */
  public StackedTrainer(ExecutionSettings settings, int stepsPerRun) {
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
   * Trains every model of {@code stack} on {@code train} in one graph; returns their results in the
   * same order.
   *
   * @throws IllegalArgumentException if the stack is empty or its models differ in what a stack
   *     shares ({@link StackKey})
   */
  public List<TrainingResult> train(
      List<ModelToTrain> stack, LabeledData train, StackListener listener) {
    requireOneStack(stack, train);
    long started = System.nanoTime();
    LabeledData data = trainingData(stack, train);
    long planned = stack.get(0).config().budget().plannedSteps(data.count(), batchSize(stack));
    try (StackGraph g = new StackGraph(stack, data, planned)) {
      return g.run(listener, started);
    }
  }

  /**
   * Times the stacked step alone, as {@link SgdTrainer#timeSteps} does for one model: builds the
   * graph and loads the data (untimed), runs at least {@code warmupSteps} untimed steps, then times
   * at least {@code timedSteps} steps of every model on full minibatches, in whole runs. Budgets
   * and schedules are ignored: every step uses each model's base learning rate. The timing counts
   * stacked steps; each is one step of every model.
   */
  public StepTiming timeSteps(
      List<ModelToTrain> stack, LabeledData train, int warmupSteps, int timedSteps) {
    return timeSteps(stack, train, warmupSteps, timedSteps, () -> {});
  }

  /**
   * As {@link #timeSteps(List, LabeledData, int, int)}, calling {@code warmedUp} between the
   * warm-up and the timed steps: stacks timed side by side on several lanes wait there for each
   * other, so that their timed steps overlap.
   */
  public StepTiming timeSteps(
      List<ModelToTrain> stack,
      LabeledData train,
      int warmupSteps,
      int timedSteps,
      Runnable warmedUp) {
    requireOneStack(stack, train);
    if (warmupSteps < 0 || timedSteps < 1 || batchSize(stack) > train.count()) {
      throw new IllegalArgumentException(
          "need warm-up >= 0, timed steps >= 1 and batch <= examples, got "
              + warmupSteps
              + ", "
              + timedSteps
              + ", "
              + batchSize(stack)
              + " of "
              + train.count());
    }
    try (StackGraph g =
        new StackGraph(stack, trainingData(stack, train), (long) warmupSteps + timedSteps)) {
      return g.timeSteps(warmupSteps, timedSteps, warmedUp);
    }
  }

  /** The examples the stack trains on: the whole set, or the fixed subset its models ask for. */
  private static LabeledData trainingData(List<ModelToTrain> stack, LabeledData train) {
    int n = stack.get(0).config().trainExamples();
    return n > 0 ? train.subset(n) : train;
  }

  /**
   * Examples per evaluation run: {@link #EVAL_CHUNK} for the MLP; for other networks as many as
   * keep one model's activations near 64 MB.
   */
  static int evalChunk(Network network) {
    if (network instanceof MlpArchitecture) {
      return EVAL_CHUNK;
    }
    long perExample = Math.max(1, network.activationsPerExample()) * Float.BYTES;
    return (int) Math.max(16, Math.min(EVAL_CHUNK, (64L << 20) / perExample));
  }

  private static int batchSize(List<ModelToTrain> stack) {
    return stack.get(0).config().batchSize();
  }

  private static void requireOneStack(List<ModelToTrain> stack, LabeledData train) {
    if (stack.isEmpty()) {
      throw new IllegalArgumentException("a stack needs at least one model");
    }
    StackKey key = stack.get(0).stackKey();
    for (ModelToTrain m : stack) {
      if (!m.stackKey().equals(key)) {
        throw new IllegalArgumentException(
            "models of one stack must share architecture, batch size, budget and optimizer: "
                + m.config().name()
                + " has "
                + m.stackKey()
                + ", the stack "
                + key);
      }
    }
    if (key.architecture().inputShape().size() != train.featureSize()) {
      throw new IllegalArgumentException(
          "the network takes "
              + key.architecture().inputShape().size()
              + " inputs, the data has "
              + train.featureSize()
              + " features");
    }
  }

  /**
   * A stacked {@code [M, ...]} shape for one parameter: for the MLP's batched products kernels as
   * is and biases as {@code [1, out]}; for any other network the tensor's own shape.
   */
  static long[] stackedShape(int models, Parameter p, boolean mlp) {
    int[] shape = p.shape();
    if (!mlp) {
      long[] out = new long[shape.length + 1];
      out[0] = models;
      for (int i = 0; i < shape.length; i++) {
        out[i + 1] = shape[i];
      }
      return out;
    }
    return p.isKernel()
        ? new long[] {models, shape[0], shape[1]}
        : new long[] {models, 1, shape[0]};
  }

  /**
   * The variables of a stack and the ops that load them, which exist before any training op.
   *
   * @param tf the op builder every later op is added with
   * @param variables the data, weights and momentum buffers the steps use
   * @param trainingSet the training set's variables and their load ops
   * @param initialIn each stacked initial weight tensor, fed once by the load run
   * @param loadOps the assignments the load run executes
   */
  private record Declared(
      Ops tf,
      StackVariables variables,
      TrainingSetInGraph trainingSet,
      List<Placeholder<TFloat32>> initialIn,
      List<Op> loadOps) {}

  /** Where one model of the stack is: its order, its status and what it has kept. */
  private static final class Model {
    final int index;
    final ModelToTrain spec;
    final EpochOrder shuffles;
    final long[] checkpointSteps;
    final List<Checkpoint> checkpoints = new ArrayList<>();
    final List<EpochRecord> curve = new ArrayList<>();
    int nextCheckpoint;
    int[] order;
    boolean nearTarget; // the check subset says the target is reached: check the whole set
    boolean approaching; // within APPROACH of the target: check ten times as often
    TrainingResult result; // set when it stops

    Model(int index, ModelToTrain spec, int examples, long planned) {
      this.index = index;
      this.spec = spec;
      this.shuffles = new EpochOrder(spec.config().seed(), examples);
      this.checkpointSteps = CheckpointPlan.steps(spec.config().checkpoints(), planned);
    }

    boolean training() {
      return result == null;
    }

    TrainingConfig config() {
      return spec.config();
    }

    /** The next step at which this model keeps a checkpoint, or MAX_VALUE. */
    long nextCheckpointStep() {
      return training() && nextCheckpoint < checkpointSteps.length
          ? checkpointSteps[nextCheckpoint]
          : Long.MAX_VALUE;
    }
  }

  /** The graph, session and loop of one stack; closes its native resources. */
  private final class StackGraph implements AutoCloseable {
    private final List<ModelToTrain> stack;
    private final LabeledData train;
    private final Network architecture;
    private final boolean mlp;
    private final List<Variable<TFloat32>> networkState;
    private final int models;
    private final int batch;
    private final GraphSession<Declared> resources;
    private final Session session;
    private final List<Variable<TFloat32>> weights;

    /** One step of full minibatches, for the steps left before a boundary. */
    private final StackedStepChain single;

    /** A chain of min(steps per run, full minibatches per epoch, steps to run), or null if < 2. */
    private final StackedStepChain block;

    /** One step on the epoch's short last minibatch, or null when the batch divides the data. */
    private final StackedStepChain tail;

    private final Placeholder<TInt32> evalIndices;
    private final List<Operand<TFloat32>> evalLosses;
    private final List<Operand<TFloat32>> evalCorrect;

    StackGraph(List<ModelToTrain> stack, LabeledData train, long stepsToRun) {
      this.stack = List.copyOf(stack);
      this.train = train;
      this.architecture = stack.get(0).initial().architecture();
      this.mlp = architecture instanceof MlpArchitecture;
      this.models = stack.size();
      this.batch = Math.min(stack.get(0).config().batchSize(), train.count());
      // Load before the training ops exist: TensorFlow optimizes the whole graph for every new
      // kind of run, and with long chains in it the set-up runs alone would take seconds.
      resources = GraphSession.open(settings, this::declare, this::load);
      try {
        session = resources.session();
        Declared declared = resources.parts();
        Ops tf = declared.tf();
        StackVariables state = declared.variables();
        weights = state.weights();
        networkState = state.networkState();
        single = StackedStepChain.build(tf, 1, batch, state);
        long longest = Math.min(stepsPerRun, Math.min(train.count() / batch, stepsToRun));
        block = longest >= 2 ? StackedStepChain.build(tf, (int) longest, batch, state) : null;
        int shortLast = train.count() % batch;
        tail = shortLast > 0 ? StackedStepChain.build(tf, 1, shortLast, state) : null;

        evalIndices = tf.placeholder(TInt32.class);
        Operand<TInt32> axis0 = tf.constant(0);
        Operand<TFloat32> x = tf.gather(state.features(), evalIndices, axis0);
        Operand<TFloat32> oneHot =
            tf.oneHot(
                tf.gather(state.labels(), evalIndices, axis0),
                tf.constant(architecture.classes()),
                tf.constant(1f),
                tf.constant(0f));
        // Each model through its own plain MatMuls: a batched product with the samples broadcast
        // over the model axis rounds differently for different M (seen in the last bit of the
        // loss), and an evaluation decides when a model stops. Evaluation runs large chunks, so
        // M sets of ops cost nothing that matters.
        List<Operand<TFloat32>> losses = new ArrayList<>();
        List<Operand<TFloat32>> correct = new ArrayList<>();
        for (int m = 0; m < models; m++) {
          List<Operand<TFloat32>> own = new ArrayList<>();
          for (int i = 0; i < weights.size(); i++) {
            Operand<TFloat32> w = tf.gather(weights.get(i), tf.constant(m), axis0);
            own.add(!mlp || i % 2 == 0 ? w : tf.reshape(w, tf.constant(new int[] {-1})));
          }
          List<Operand<TFloat32>> ownState = new ArrayList<>();
          for (Variable<TFloat32> v : networkState) {
            ownState.add(tf.gather(v, tf.constant(m), axis0));
          }
          MlpGraph.PerExample perExample =
              MlpGraph.perExample(tf, architecture.logits(tf, x, own, ownState), oneHot);
          losses.add(perExample.loss());
          correct.add(perExample.correct());
        }
        evalLosses = List.copyOf(losses);
        evalCorrect = List.copyOf(correct);
      } catch (RuntimeException | Error e) {
        // A half-built graph still holds native memory: release it before rethrowing.
        resources.close();
        throw e;
      }
    }

    private Declared declare(Ops tf) {
      TrainingSetInGraph trainingSet = TrainingSetInGraph.declare(tf, train);
      List<Op> loadOps = new ArrayList<>();

      boolean momentum = stack.stream().anyMatch(m -> m.config().momentum() > 0);
      boolean decay = stack.stream().anyMatch(m -> m.config().weightDecay() > 0);
      List<Variable<TFloat32>> variables = new ArrayList<>();
      List<Placeholder<TFloat32>> initialIn = new ArrayList<>();
      List<Variable<TFloat32>> velocities = new ArrayList<>();
      for (Parameter p : stack.get(0).initial().tensors()) {
        Shape shape = Shape.of(stackedShape(models, p, mlp));
        Variable<TFloat32> w =
            tf.withName(p.name().replace('.', '_')).variable(shape, TFloat32.class);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class);
        variables.add(w);
        initialIn.add(in);
        loadOps.add(tf.assign(w, in));
        if (momentum) {
          velocities.add(tf.variable(tf.zeros(tf.constant(shape.asArray()), TFloat32.class)));
        }
      }
      List<Variable<TFloat32>> stateVariables = new ArrayList<>();
      List<Placeholder<TFloat32>> stateIn = new ArrayList<>();
      for (var spec : architecture.stateSpecs()) {
        Variable<TFloat32> v =
            tf.withName(spec.name().replace('.', '_'))
                .variable(Shape.of(models, spec.size()), TFloat32.class);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class);
        stateVariables.add(v);
        initialIn.add(in);
        loadOps.add(tf.assign(v, in));
      }
      StackVariables state =
          new StackVariables(
              trainingSet.features(),
              trainingSet.labels(),
              variables,
              velocities,
              models,
              architecture.classes(),
              stack.get(0).config().optimizer().kind(),
              values(c -> c.momentum()),
              decay ? values(c -> c.weightDecay()) : null,
              values(c -> c.optimizer().rho()),
              values(c -> c.optimizer().eta()),
              stack.stream().anyMatch(m -> m.config().dropout() > 0)
                  ? values(TrainingConfig::dropout)
                  : null,
              mlp
                  ? ((MlpArchitecture) architecture)
                      .hidden().stream().mapToInt(Integer::intValue).toArray()
                  : new int[0],
              architecture,
              stateVariables);
      return new Declared(tf, state, trainingSet, initialIn, loadOps);
    }

    private float[] values(java.util.function.ToDoubleFunction<TrainingConfig> value) {
      float[] out = new float[models];
      for (int m = 0; m < models; m++) {
        out[m] = (float) value.applyAsDouble(stack.get(m).config());
      }
      return out;
    }

    /** Zeroes the momentum buffers and loads the training set and the stacked initial weights. */
    private void load(Session opened, Declared declared) {
      opened.initialize();
      List<TFloat32> fed = new ArrayList<>();
      try (TrainingSetInGraph.Fed data = TrainingSetInGraph.tensorsOf(train)) {
        Session.Runner runner = declared.trainingSet().loadRunner(opened, data);
        List<Parameter> layout = stack.get(0).initial().tensors();
        for (int i = 0; i < layout.size(); i++) {
          int size = layout.get(i).size();
          float[] stacked = new float[models * size];
          for (int m = 0; m < models; m++) {
            System.arraycopy(
                stack.get(m).initial().tensors().get(i).values(), 0, stacked, m * size, size);
          }
          TFloat32 t = Tensors.floats(stacked, stackedShape(models, layout.get(i), mlp));
          fed.add(t);
          runner.feed(declared.initialIn().get(i), t);
        }
        // Every model starts from its network's stored state (batch norm: mean 0, variance 1).
        List<float[]> startState = new ArrayList<>();
        for (ModelToTrain m : stack) {
          startState.addAll(m.initial().architecture().state());
        }
        int stateTensors = architecture.stateSpecs().size();
        for (int i = 0; i < stateTensors; i++) {
          int size = architecture.stateSpecs().get(i).size();
          float[] stacked = new float[models * size];
          for (int m = 0; m < models; m++) {
            System.arraycopy(startState.get(m * stateTensors + i), 0, stacked, m * size, size);
          }
          TFloat32 t = Tensors.floats(stacked, models, size);
          fed.add(t);
          runner.feed(declared.initialIn().get(layout.size() + i), t);
        }
        declared.loadOps().forEach(runner::addTarget);
        runner.run().close();
      } finally {
        fed.forEach(TFloat32::close);
      }
    }

    List<TrainingResult> run(StackListener listener, long started) {
      int n = train.count();
      TrainingBudget budget = stack.get(0).config().budget();
      long perEpoch = TrainingBudget.stepsPerEpoch(n, batch);
      int fullBatches = n / batch;
      long planned = budget.plannedSteps(n, stack.get(0).config().batchSize());
      List<Model> all = new ArrayList<>();
      for (int m = 0; m < models; m++) {
        all.add(new Model(m, stack.get(m), n, planned));
      }
      keepCheckpoints(all, 0);
      long steps = 0;
      // A target loss is checked every checkEvery steps on a fixed subset of the training set, and
      // a model the subset says has reached it is checked on the whole set from then on, so that
      // it stops within its check interval of the target, not at the next epoch's end.
      long checkEvery =
          budget instanceof TrainingBudget.TargetLoss target ? target.checkEvery() : 0;
      // Once a model is within APPROACH of the target, it is checked ten times as often, so that
      // a fast model stops within a few steps of it: at every 200 steps, models at batch 128 and
      // learning rate 0.1 went from above 0.25 to 0.241 between two checks (3.6% under the
      // target, outside the verdict's 2% band). Each model keeps its own interval (the stack
      // only stops at the finest one), so when a model stops does not depend on its stack.
      long every = checkEvery;
      int[] checkSubset = checkEvery > 0 ? checkSubset(n) : null;

      while (all.stream().anyMatch(Model::training)) {
        for (Model m : all) {
          m.order = m.shuffles.next().clone();
        }
        int b = 0; // minibatches of this epoch done
        while (b < perEpoch && steps < planned && all.stream().anyMatch(Model::training)) {
          long boundary = planned;
          for (Model m : all) {
            boundary = Math.min(boundary, m.nextCheckpointStep());
          }
          if (every > 0) {
            boundary = Math.min(boundary, (steps / every + 1) * every);
          }
          StackedStepChain chain;
          if (b >= fullBatches) {
            chain = tail;
          } else if (block != null
              && b + block.length() <= fullBatches
              && steps + block.length() <= boundary) {
            chain = block;
          } else {
            chain = single;
          }
          float[][] losses =
              runChain(chain, all, b * batch, rates(chain, all, steps, planned), steps);
          steps += chain.length();
          b += chain.length();

          List<Model> diverged = new ArrayList<>();
          double lossSum = 0;
          int reporting = 0;
          for (Model m : all) {
            if (!m.training()) {
              continue;
            }
            int k = firstOverLimit(losses, m);
            if (k >= 0) {
              diverged.add(m);
              m.result =
                  stopped(
                      m,
                      TrainingStatus.DIVERGED,
                      steps,
                      perEpoch,
                      started,
                      String.format(
                          "minibatch loss %s at step %d (limit %.1f): learning rate %s is too high"
                              + " for this setup",
                          losses[k][m.index],
                          steps - chain.length() + k + 1,
                          m.config().divergenceLimit(),
                          m.config().learningRate()));
            } else {
              lossSum += losses[chain.length() - 1][m.index];
              reporting++;
            }
          }
          if (!diverged.isEmpty()) {
            finish(diverged, readAll(), listener);
          }
          if (steps / PROGRESS_EVERY != (steps - chain.length()) / PROGRESS_EVERY) {
            listener.onProgress(
                steps,
                planned,
                training(all),
                models,
                reporting == 0 ? Double.NaN : lossSum / reporting);
          }
          keepCheckpoints(all, steps);
          if (every > 0 && steps % every == 0 && b < perEpoch && steps < planned) {
            checkTarget(
                all,
                ((TrainingBudget.TargetLoss) budget).loss(),
                checkSubset,
                steps,
                checkEvery,
                perEpoch,
                started,
                listener);
            every =
                all.stream().anyMatch(m -> m.training() && m.approaching)
                    ? Math.max(1, checkEvery / 10)
                    : checkEvery;
          }
        }
        List<Model> active = all.stream().filter(Model::training).toList();
        if (active.isEmpty()) {
          break;
        }
        double epochs = (double) steps / perEpoch;
        EpochRecord[] records = evaluate(epochs, steps);
        List<Model> stopping = new ArrayList<>();
        for (Model m : active) {
          EpochRecord record = records[m.index];
          m.curve.add(record);
          listener.onEvaluation(m.config(), record);
          if (!(record.loss() <= m.config().divergenceLimit())) {
            m.result =
                stopped(
                    m,
                    TrainingStatus.DIVERGED,
                    steps,
                    perEpoch,
                    started,
                    "training loss " + record.loss() + " after epoch " + m.curve.size());
          } else if (budget instanceof TrainingBudget.TargetLoss target
              && record.loss() <= target.loss()) {
            m.result = stopped(m, TrainingStatus.COMPLETED, steps, perEpoch, started, "");
          } else if (steps >= planned) {
            m.result =
                budget instanceof TrainingBudget.TargetLoss target
                    ? stopped(
                        m,
                        TrainingStatus.TARGET_NOT_REACHED,
                        steps,
                        perEpoch,
                        started,
                        String.format(
                            "training loss %.4f > target %s after the cap of %d steps",
                            record.loss(), target.loss(), planned))
                    : stopped(m, TrainingStatus.COMPLETED, steps, perEpoch, started, "");
          }
          if (!m.training()) {
            stopping.add(m);
          }
        }
        if (!stopping.isEmpty()) {
          finish(stopping, readAll(), listener);
        }
      }
      return all.stream().map(m -> m.result).toList();
    }

    /**
     * The target check between epoch ends: every training model on the check subset, except those
     * the subset already said were there, which are checked on the whole training set; a model
     * whose whole-set loss is at most the target stops, with that evaluation as its last record.
     */
    private void checkTarget(
        List<Model> all,
        double target,
        int[] subset,
        long steps,
        long checkEvery,
        long perEpoch,
        long started,
        StackListener listener) {
      double epochs = (double) steps / perEpoch;
      List<Integer> bySubset = new ArrayList<>();
      List<Integer> byWholeSet = new ArrayList<>();
      for (Model m : all) {
        long own = m.approaching ? Math.max(1, checkEvery / 10) : checkEvery;
        if (m.training() && steps % own == 0) {
          (m.nearTarget ? byWholeSet : bySubset).add(m.index);
        }
      }
      if (!bySubset.isEmpty()) {
        EpochRecord[] quick = evaluate(bySubset, subset, epochs, steps);
        for (int m : bySubset) {
          if (quick[m].loss() <= APPROACH * target) {
            all.get(m).approaching = true;
          }
          if (quick[m].loss() <= target) {
            all.get(m).nearTarget = true;
            byWholeSet.add(m);
          }
        }
      }
      if (byWholeSet.isEmpty()) {
        return;
      }
      EpochRecord[] exact = evaluate(byWholeSet, null, epochs, steps);
      List<Model> stopping = new ArrayList<>();
      for (int index : byWholeSet) {
        Model m = all.get(index);
        if (exact[index].loss() <= target) {
          m.curve.add(exact[index]);
          listener.onEvaluation(m.config(), exact[index]);
          m.result = stopped(m, TrainingStatus.COMPLETED, steps, perEpoch, started, "");
          stopping.add(m);
        }
      }
      if (!stopping.isEmpty()) {
        finish(stopping, readAll(), listener);
      }
    }

    /** The fixed examples target checks use: the first CHECK_SUBSET of a seeded shuffle. */
    private int[] checkSubset(int n) {
      int[] order = new EpochOrder(CHECK_SUBSET_SEED, n).next();
      int[] subset = Arrays.copyOf(order, Math.min(n, CHECK_SUBSET));
      Arrays.sort(subset);
      return subset;
    }

    private int training(List<Model> all) {
      return (int) all.stream().filter(Model::training).count();
    }

    /**
     * A stopped model's result without its final weights yet ({@link #finish} adds them and the
     * final checkpoint once the stack's weights are read).
     */
    private TrainingResult stopped(
        Model m, TrainingStatus status, long steps, long perEpoch, long started, String message) {
      return new TrainingResult(
          m.config(),
          null,
          status,
          steps,
          (double) steps / perEpoch,
          m.curve,
          (System.nanoTime() - started) / 1e9,
          message,
          List.of());
    }

    /** Gives each of {@code stopped} its final weights (and checkpoints) and tells the listener. */
    private void finish(List<Model> stopped, float[][] stackWeights, StackListener listener) {
      for (Model m : stopped) {
        Parameters last = slice(stackWeights, m.index);
        List<Checkpoint> checkpoints = m.checkpoints;
        if (m.checkpointSteps.length > 0) {
          // The final weights close the trajectory, also when the run stopped early; a checkpoint
          // already kept at this very step is the same weights, so it gives way to them.
          if (checkpoints.get(checkpoints.size() - 1).step() == m.result.steps()) {
            checkpoints.remove(checkpoints.size() - 1);
          }
          checkpoints.add(new Checkpoint(m.result.steps(), last));
        }
        TrainingResult r = m.result;
        m.result =
            new TrainingResult(
                r.config(),
                last,
                r.status(),
                r.steps(),
                r.epochs(),
                r.curve(),
                r.seconds(),
                r.message(),
                checkpoints);
        listener.onStopped(m.result);
      }
    }

    /** Keeps the checkpoint of every training model whose next checkpoint is at {@code step}. */
    private void keepCheckpoints(List<Model> all, long step) {
      float[][] read = null;
      for (Model m : all) {
        if (m.nextCheckpointStep() == step) {
          if (read == null) {
            read = readAll();
          }
          m.checkpoints.add(new Checkpoint(step, slice(read, m.index)));
          m.nextCheckpoint++;
        }
      }
    }

    /** Each model's scheduled learning rate at each of the chain's steps; 0 once it stopped. */
    private float[] rates(StackedStepChain chain, List<Model> all, long firstStep, long planned) {
      float[] rates = new float[chain.length() * models];
      for (int k = 0; k < chain.length(); k++) {
        for (Model m : all) {
          if (m.training()) {
            TrainingConfig c = m.config();
            rates[k * models + m.index] =
                (float) c.schedule().rate(c.learningRate(), firstStep + k, planned);
          }
        }
      }
      return rates;
    }

    /** The step of the chain at which model {@code m}'s minibatch loss first exceeds its limit. */
    private int firstOverLimit(float[][] losses, Model m) {
      for (int k = 0; k < losses.length; k++) {
        if (!(losses[k][m.index] <= m.config().divergenceLimit())) { // also catches NaN
          return k;
        }
      }
      return -1;
    }

    /**
     * Runs {@code chain} on each model's consecutive minibatches starting at {@code from} in its
     * own order; returns every step's minibatch loss of every model, {@code [step][model]}.
     */
    private float[][] runChain(
        StackedStepChain chain, List<Model> all, int from, float[] rates, long firstStep) {
      int size = chain.batchSize();
      int length = chain.length();
      int[] indices = new int[length * models * size];
      for (int k = 0; k < length; k++) {
        for (Model m : all) {
          System.arraycopy(m.order, from + k * size, indices, (k * models + m.index) * size, size);
        }
      }
      long[] seeds = new long[length * models * 2];
      for (int k = 0; k < length; k++) {
        for (Model m : all) {
          seeds[2 * (k * models + m.index)] = m.config().seed();
          seeds[2 * (k * models + m.index) + 1] = firstStep + k;
        }
      }
      float[] perExample;
      try (TInt32 idx = Tensors.ints(indices, length, models, size);
          TFloat32 lr = Tensors.floats(rates, length, models);
          org.tensorflow.types.TInt64 seedTensor =
              org.tensorflow.types.TInt64.tensorOf(
                  org.tensorflow.ndarray.Shape.of(length, models, 2),
                  org.tensorflow.ndarray.buffer.DataBuffers.of(seeds, true, false));
          Result result =
              session
                  .runner()
                  .feed(chain.indices(), idx)
                  .feed(chain.rates(), lr)
                  .feed(chain.seeds(), seedTensor)
                  .fetch(chain.losses())
                  .addTarget(chain.update())
                  .run()) {
        perExample = Tensors.toArray((TFloat32) result.get(0));
      }
      float[][] means = new float[length][models];
      for (int k = 0; k < length; k++) {
        for (int m = 0; m < models; m++) {
          double sum = 0;
          int offset = (k * models + m) * size;
          for (int i = 0; i < size; i++) {
            sum += perExample[offset + i];
          }
          means[k][m] = (float) (sum / size);
        }
      }
      return means;
    }

    /** Every model's loss and accuracy on the whole training set (null for models not asked). */
    private EpochRecord[] evaluate(double epochs, long steps) {
      return evaluate(
          java.util.stream.IntStream.range(0, models).boxed().toList(), null, epochs, steps);
    }

    /**
     * The loss and accuracy of the models {@code which} on the examples {@code indices} (the whole
     * training set when null), summed in Java in example order so that a model's value does not
     * depend on its stack; entries of other models are null.
     */
    private EpochRecord[] evaluate(List<Integer> which, int[] indices, double epochs, long steps) {
      int n = indices == null ? train.count() : indices.length;
      double[] loss = new double[models];
      double[] correct = new double[models];
      int evalChunk = evalChunk(architecture);
      for (int from = 0; from < n; from += evalChunk) {
        int to = Math.min(n, from + evalChunk);
        int rows = to - from;
        int[] chunk = new int[rows];
        for (int i = 0; i < rows; i++) {
          chunk[i] = indices == null ? from + i : indices[from + i];
        }
        Session.Runner runner = session.runner();
        for (int m : which) {
          runner.fetch(evalLosses.get(m)).fetch(evalCorrect.get(m));
        }
        try (TInt32 idx = Tensors.ints(chunk, rows);
            Result result = runner.feed(evalIndices, idx).run()) {
          for (int k = 0; k < which.size(); k++) {
            int m = which.get(k);
            float[] l = Tensors.toArray((TFloat32) result.get(2 * k));
            float[] c = Tensors.toArray((TFloat32) result.get(2 * k + 1));
            for (int i = 0; i < rows; i++) {
              loss[m] += l[i];
              correct[m] += c[i];
            }
          }
        }
      }
      EpochRecord[] out = new EpochRecord[models];
      for (int m : which) {
        out[m] = new EpochRecord(epochs, steps, loss[m] / n, correct[m] / n);
      }
      return out;
    }

    StepTiming timeSteps(int warmupSteps, int timedSteps, Runnable warmedUp) {
      int n = train.count();
      StackedStepChain timed = block != null ? block : single;
      int length = timed.length();
      int warmupRuns = Math.floorDiv(warmupSteps + length - 1, length);
      int timedRuns = Math.floorDiv(timedSteps + length - 1, length);
      List<Model> all = new ArrayList<>();
      for (int m = 0; m < models; m++) {
        all.add(new Model(m, stack.get(m), n, 0));
      }
      float[] rates = new float[length * models];
      for (int k = 0; k < length; k++) {
        for (int m = 0; m < models; m++) {
          rates[k * models + m] = (float) stack.get(m).config().learningRate();
        }
      }
      int from = n;
      long started = 0;
      for (int r = 0; r < warmupRuns + timedRuns; r++) {
        if (r == warmupRuns) {
          warmedUp.run();
          started = System.nanoTime();
        }
        // Full blocks of full minibatches only, so every timed run does the same work.
        if (from + length * batch > n) {
          for (Model m : all) {
            m.order = m.shuffles.next().clone();
          }
          from = 0;
        }
        runChain(timed, all, from, rates, (long) r * length);
        from += length * batch;
      }
      return new StepTiming(
          batch, length, (long) timedRuns * length, (System.nanoTime() - started) / 1e9);
    }

    /** Every stacked weight tensor, then every stacked state tensor, as read from the session. */
    private float[][] readAll() {
      Session.Runner runner = session.runner();
      weights.forEach(runner::fetch);
      networkState.forEach(runner::fetch);
      float[][] out = new float[weights.size() + networkState.size()][];
      try (Result result = runner.run()) {
        for (int i = 0; i < out.length; i++) {
          out[i] = Tensors.toArray((TFloat32) result.get(i));
        }
      }
      return out;
    }

    /** Model {@code m}'s parameters out of the stacked tensors. */
    private Parameters slice(float[][] stackWeights, int m) {
      List<Parameter> layout = stack.get(m).initial().tensors();
      List<Parameter> out = new ArrayList<>();
      for (int i = 0; i < layout.size(); i++) {
        int size = layout.get(i).size();
        out.add(
            layout
                .get(i)
                .withValues(Arrays.copyOfRange(stackWeights[i], m * size, (m + 1) * size)));
      }
      List<float[]> state = new ArrayList<>();
      for (int i = 0; i < networkState.size(); i++) {
        int size = architecture.stateSpecs().get(i).size();
        state.add(Arrays.copyOfRange(stackWeights[layout.size() + i], m * size, (m + 1) * size));
      }
      return new Parameters(architecture.withState(state), out);
    }

    @Override
    public void close() {
      resources.close();
    }
  }
}
