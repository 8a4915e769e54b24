package org.losslandscape.models.training;

import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training set held in the graph as two variables, so that a step gathers its minibatch by
 * index instead of being fed it; they are filled once, by the load run, from two placeholders. The
 * single-model and the stacked trainer declare and load it the same way.
 *
 * @param features {@code [examples, features]}
 * @param labels {@code [examples]}
 * @param featuresIn fed the features by the load run
 * @param labelsIn fed the labels by the load run
 * @param loadOps the two assignments the load run executes
 */
record TrainingSetInGraph(
    Variable<TFloat32> features,
    Variable<TInt32> labels,
    Placeholder<TFloat32> featuresIn,
    Placeholder<TInt32> labelsIn,
    List<Op> loadOps) {

  /** Declares the variables of {@code train} and their load ops. */
  static TrainingSetInGraph declare(Ops tf, LabeledData train) {
    Variable<TFloat32> features =
        tf.withName("train_features")
            .variable(Shape.of(train.count(), train.featureSize()), TFloat32.class);
    Variable<TInt32> labels =
        tf.withName("train_labels").variable(Shape.of(train.count()), TInt32.class);
    Placeholder<TFloat32> featuresIn = tf.placeholder(TFloat32.class);
    Placeholder<TInt32> labelsIn = tf.placeholder(TInt32.class);
    return new TrainingSetInGraph(
        features,
        labels,
        featuresIn,
        labelsIn,
        List.of(tf.assign(features, featuresIn), tf.assign(labels, labelsIn)));
  }

  /** Tensors of {@code train}'s features and labels, closed by the caller after the load run. */
  record Fed(TFloat32 features, TInt32 labels) implements AutoCloseable {
    @Override
    public void close() {
      features.close();
      labels.close();
    }
  }

  /** Copies {@code train} into tensors for the load run. */
  static Fed tensorsOf(LabeledData train) {
    TFloat32 x = Tensors.floats(train.features(), train.count(), train.featureSize());
    try {
      return new Fed(x, Tensors.ints(train.labels(), train.count()));
    } catch (RuntimeException | Error e) {
      x.close();
      throw e;
    }
  }

  /** A runner of {@code session} that feeds {@code fed} and executes the two assignments. */
  Session.Runner loadRunner(Session session, Fed fed) {
    Session.Runner runner =
        session.runner().feed(featuresIn, fed.features()).feed(labelsIn, fed.labels());
    loadOps.forEach(runner::addTarget);
    return runner;
  }
}
