package org.losslandscape.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingListener;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * No TensorFlow graph outlives a constructor that fails half-way. TensorFlow Java registers every
 * open graph in a private static map ({@code Graph.ALL_GRAPHS}) until it is closed; this test reads
 * its size by reflection, since nothing public tells an open graph from a leaked one. (A session
 * cannot outlive its graph: closing a graph with open sessions would block.)
 */
class NativeResourcesTest {

  static int openGraphs() {
    try {
      Field all = Graph.class.getDeclaredField("ALL_GRAPHS");
      all.setAccessible(true);
      Map<?, ?> graphs = (Map<?, ?>) all.get(null);
      synchronized (graphs) {
        return graphs.size();
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("TensorFlow Java changed how it tracks graphs", e);
    }
  }

  @Test
  void theCountSeesAnOpenGraphAndItsClosing() {
    int before = openGraphs();
    Graph graph = new Graph();
    assertThat(openGraphs()).isEqualTo(before + 1);
    graph.close();
    assertThat(openGraphs()).isEqualTo(before);
  }

  @Test
  void aLoadThatFailsLeavesNeitherGraphNorSessionOpen() {
    int before = openGraphs();
    // The load step assigns a [3] tensor to a variable declared [2]: TensorFlow refuses it at run
    // time, after the graph and the session were both opened.
    assertThatThrownBy(
            () ->
                GraphSession.open(
                    ExecutionSettings.cpu(),
                    tf -> {
                      var v = tf.variable(Shape.of(2), TFloat32.class);
                      return tf.assign(v, tf.constant(new float[] {1, 2, 3}));
                    },
                    (session, assign) -> session.runner().addTarget(assign).run().close()))
        .isInstanceOf(RuntimeException.class);
    assertThat(openGraphs()).isEqualTo(before);
  }

  @Test
  void aBuildThatFailsLeavesNothingOpen() {
    int before = openGraphs();
    assertThatThrownBy(
            () ->
                GraphSession.open(
                    ExecutionSettings.cpu(),
                    tf -> {
                      tf.constant(1f);
                      throw new IllegalStateException("planted");
                    }))
        .hasMessage("planted");
    assertThat(openGraphs()).isEqualTo(before);
  }

  @Test
  void aTrainingRunThatFailsLeavesNothingOpen() {
    MlpArchitecture net = new MlpArchitecture(4, List.of(3), 2);
    // Five features per example for a network that takes four: building the graph fails after the
    // graph itself was created.
    LabeledData wrongWidth = new LabeledData(new float[10 * 5], new int[10], 5);
    TrainingConfig config =
        new TrainingConfig(
            "leak",
            0.1,
            2,
            0,
            LearningRateSchedule.constant(),
            new TrainingBudget.Steps(1),
            1,
            TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
    SgdTrainer trainer = new SgdTrainer(ExecutionSettings.cpu());
    int before = openGraphs();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () ->
                  trainer.train(
                      Initialization.HE.initialize(net, 1),
                      wrongWidth,
                      config,
                      TrainingListener.NONE))
          .isInstanceOf(RuntimeException.class);
    }
    assertThat(openGraphs()).isEqualTo(before);
  }

  @Test
  void anEvaluatorClosesItsGraph() {
    int before = openGraphs();
    try (var evaluator =
        new org.losslandscape.models.evaluation.MlpEvaluator(
            new MlpArchitecture(4, List.of(3), 2), ExecutionSettings.cpu())) {
      assertThat(openGraphs()).isEqualTo(before + 1);
    }
    assertThat(openGraphs()).isEqualTo(before);
  }
}
