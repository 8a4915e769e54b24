package org.losslandscape.pipeline.results;

import org.losslandscape.pipeline.summary.DataSummary;
import org.losslandscape.pipeline.summary.PreprocessingSummary;

/**
 * What produced a set of trained weights, recorded in its {@code model.json} (Tribuo keeps such a
 * record on every model): with it, the weights can be traced to the recipe, seed, data and tool
 * that made them, and {@code landscape --weights} reuses the exact preprocessing.
 *
 * @param tool the tool's name
 * @param toolVersion the tool's version, from the build
 * @param tensorflowVersion the TensorFlow runtime's version
 * @param tensorflowJavaVersion the TensorFlow Java bindings' version, from the build
 * @param device the device that trained, {@code cpu} or {@code cuda}
 * @param recipe the recipe and the settings every recipe shares
 * @param seed the training seed (initial weights and shuffles)
 * @param initialization the weight initialization
 * @param data the data set and its checksums
 * @param preprocessing the standardization the network was trained on
 * @param status how training ended
 * @param steps minibatch updates done
 * @param epochs passes over the data done
 */
public record Provenance(
    String tool,
    String toolVersion,
    String tensorflowVersion,
    String tensorflowJavaVersion,
    String device,
    RecipeProvenance recipe,
    long seed,
    String initialization,
    DataSummary data,
    PreprocessingSummary preprocessing,
    String status,
    long steps,
    double epochs) {

  /**
   * The training recipe of one model.
   *
   * @param name the recipe's name
   * @param learningRate SGD step size
   * @param batchSize the batch size asked for
   * @param effectiveBatchSize the batch size used
   * @param optimizer the optimizer
   * @param momentum heavy-ball momentum
   * @param schedule learning-rate schedule
   * @param budget the training budget, e.g. {@code 10 epochs}
   */
  public record RecipeProvenance(
      String name,
      double learningRate,
      int batchSize,
      int effectiveBatchSize,
      String optimizer,
      double momentum,
      String schedule,
      String budget) {}
}
