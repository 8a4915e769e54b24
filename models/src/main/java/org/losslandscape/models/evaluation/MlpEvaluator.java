package org.losslandscape.models.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpGraph;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Loss and accuracy of any parameter set of one architecture on any data, in sample chunks.
 *
 * <p>The parameters are fed, not baked into the graph, so one graph and session serve every
 * evaluation: the trained weights, and each point of a per-point landscape sweep (the slow, obvious
 * reference the batched evaluators are tested against). Close it when done.
 */
public final class MlpEvaluator implements AutoCloseable {

  /** Chunk size: bounds activation memory to a few tens of MB for the default network. */
  private static final int MLP_CHUNK = 10_000;

  /** Convolutions keep many activations per sample: smaller chunks. */
  private static final int IMAGE_CHUNK = 500;

  private final int chunk;

  private final Network architecture;
  private final GraphSession<EvalGraph> tf;

  /**
   * The inputs and outputs of the evaluation graph. {@code stateInputs} (batch norm's stored
   * statistics, when the network uses them) are fed like the parameters, from each evaluated
   * parameter set's own network: two models of one architecture differ in them too.
   */
  private record EvalGraph(
      Placeholder<TFloat32> x,
      Placeholder<TInt32> labels,
      List<Placeholder<TFloat32>> parameterInputs,
      List<Placeholder<TFloat32>> stateInputs,
      Operand<TFloat32> lossSum,
      Operand<TFloat32> correctSum) {}

  /** Builds the graph and opens its session (nothing stays open if that fails). */
  public MlpEvaluator(Network architecture, ExecutionSettings settings) {
    this.architecture = architecture;
    this.chunk =
        org.losslandscape.models.network.BatchNormMode.samplesPerPass(
            architecture,
            architecture instanceof org.losslandscape.models.mlp.MlpArchitecture
                ? MLP_CHUNK
                : IMAGE_CHUNK);
    this.tf = GraphSession.open(settings, ops -> build(ops, architecture));
  }

  /** True when the network normalizes with stored statistics, which are then fed. */
  private static boolean feedsState(Network architecture) {
    return !architecture.stateSpecs().isEmpty()
        && architecture.batchNormMode() == org.losslandscape.models.network.BatchNormMode.FROZEN;
  }

  private static EvalGraph build(Ops tf, Network architecture) {
    Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
    Placeholder<TInt32> labels = tf.placeholder(TInt32.class);
    List<Placeholder<TFloat32>> parameterInputs = new ArrayList<>();
    for (String ignored : architecture.parameterNames()) {
      parameterInputs.add(tf.placeholder(TFloat32.class));
    }
    List<Placeholder<TFloat32>> stateInputs = new ArrayList<>();
    Operand<TFloat32> logits;
    if (feedsState(architecture)) {
      for (int i = 0; i < architecture.stateSpecs().size(); i++) {
        stateInputs.add(tf.placeholder(TFloat32.class));
      }
      logits = architecture.logits(tf, x, parameterInputs, stateInputs);
    } else {
      logits = architecture.logits(tf, x, parameterInputs);
    }
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(architecture.classes()), tf.constant(1f), tf.constant(0f));
    MlpGraph.PerExample perExample = MlpGraph.perExample(tf, logits, oneHot);
    return new EvalGraph(
        x,
        labels,
        parameterInputs,
        stateInputs,
        tf.reduceSum(perExample.loss(), tf.constant(0)),
        tf.reduceSum(perExample.correct(), tf.constant(0)));
  }

  /** Mean loss and accuracy of {@code parameters} on all of {@code data}. */
  public Metrics evaluate(Parameters parameters, LabeledData data) {
    Network given = parameters.architecture();
    boolean sameNetwork =
        feedsState(architecture)
            ? architecture.sameArchitectureAs(given)
            : given.equals(architecture);
    if (!sameNetwork) {
      throw new IllegalArgumentException(
          "evaluator built for " + architecture + ", got " + parameters.architecture());
    }
    List<Tensor> fed = new ArrayList<>();
    try {
      for (Parameter p : parameters.tensors()) {
        fed.add(Tensors.floats(p.values(), Tensors.shape(p.shape())));
      }
      List<Tensor> state = new ArrayList<>();
      for (int i = 0; i < tf.parts().stateInputs().size(); i++) {
        state.add(
            Tensors.floats(given.state().get(i), Tensors.shape(given.stateSpecs().get(i).shape())));
      }
      fed.addAll(state);
      double loss = 0;
      double correct = 0;
      for (int from = 0; from < data.count(); from += chunk) {
        int to = Math.min(data.count(), from + chunk);
        int rows = to - from;
        EvalGraph g = tf.parts();
        Session.Runner runner = tf.session().runner();
        for (int i = 0; i < g.parameterInputs().size(); i++) {
          runner.feed(g.parameterInputs().get(i), fed.get(i));
        }
        for (int i = 0; i < g.stateInputs().size(); i++) {
          runner.feed(g.stateInputs().get(i), fed.get(g.parameterInputs().size() + i));
        }
        try (TFloat32 xs =
                Tensors.floatsFrom(
                    data.features(), from * data.featureSize(), rows, data.featureSize());
            TInt32 ys = Tensors.intsFrom(data.labels(), from, rows);
            Result result =
                runner
                    .feed(g.x(), xs)
                    .feed(g.labels(), ys)
                    .fetch(g.lossSum())
                    .fetch(g.correctSum())
                    .run()) {
          loss += ((TFloat32) result.get(0)).getFloat();
          correct += ((TFloat32) result.get(1)).getFloat();
        }
      }
      return new Metrics(loss / data.count(), correct / data.count(), data.count());
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  @Override
  public void close() {
    tf.close();
  }
}
