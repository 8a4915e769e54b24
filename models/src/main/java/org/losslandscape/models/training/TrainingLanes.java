package org.losslandscape.models.training;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;

/**
 * Trains the stacks of a {@link StackPlan} on concurrent {@link Lanes}, each stack in a session of
 * its own lane. On a CPU a lane per core keeps both cores busy with work that is too small to split
 * well across them: at batch 32 one stack's step runs faster on one thread than on two (measured on
 * this 2-core machine: 0.16 against 0.46 ms for one model), so two single-threaded stacks side by
 * side do more than one two-threaded stack. On a GPU one lane feeds the device.
 *
 * <p>Results do not depend on the lanes: each stack trains as it would alone, and {@link
 * StackedTrainer} gives a model the same weights in any stack.
 *
 * @param settings where each lane's sessions run and with how many intra-op threads
 * @param lanes how many stacks train at once
 * @param stepsPerRun training steps per {@code Session.run}
 */
public record TrainingLanes(ExecutionSettings settings, Lanes lanes, int stepsPerRun) {

  public TrainingLanes {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(lanes, "lanes");
    if (stepsPerRun < 1) {
      throw new IllegalArgumentException("steps per run must be >= 1, got " + stepsPerRun);
    }
  }

  /** Receives each stack's results as soon as the stack is done, on the lane that trained it. */
  public interface StackDone {
    /**
     * @param indices the stack's models as indices into the list given to {@link #train}
     * @param results their results, in the same order
     */
    void onStackDone(List<Integer> indices, List<TrainingResult> results);
  }

  /**
   * Trains every model of {@code models} as {@code plan} groups them; returns the results in the
   * order of {@code models}.
   *
   * @param listenerFor the listener of each stack, given the stack's models (called on its lane
   *     just before it trains)
   * @param done called once per stack, from the lane's thread, when its results are ready (e.g. to
   *     save them before the other stacks end); must be thread-safe with more than one lane
   * @throws RuntimeException the first failure of any stack, after the stacks already running have
   *     ended; stacks not yet started are not started
   */
  public List<TrainingResult> train(
      List<ModelToTrain> models,
      StackPlan plan,
      LabeledData data,
      Function<List<ModelToTrain>, StackListener> listenerFor,
      StackDone done) {
    TrainingResult[] results = new TrainingResult[models.size()];
    StackedTrainer trainer = new StackedTrainer(settings, stepsPerRun);
    lanes.map(
        plan.stacks(),
        stack -> {
          List<ModelToTrain> members = stack.stream().map(models::get).toList();
          List<TrainingResult> trained = trainer.train(members, data, listenerFor.apply(members));
          for (int k = 0; k < stack.size(); k++) {
            results[stack.get(k)] = trained.get(k);
          }
          done.onStackDone(stack, trained);
          return trained;
        });
    return Arrays.asList(results);
  }
}
