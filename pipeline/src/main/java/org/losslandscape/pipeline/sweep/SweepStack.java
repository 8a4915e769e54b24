package org.losslandscape.pipeline.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.training.ModelToTrain;
import org.losslandscape.models.training.StackPlan;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.TrainingSettings;

/**
 * Sweep tasks that run together, wherever the sweep sends work (a thread of this process, a Spark
 * task): their models train in one stack ({@link StackPlan}), then each is sliced and measured and
 * stored as its own task, so results and resumption stay per task.
 *
 * @param tasks the tasks, all with the same batch size
 */
public record SweepStack(List<SweepTask> tasks) implements Serializable {

  private static final long serialVersionUID = 1L;

  public SweepStack {
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a sweep stack needs at least one task");
    }
  }

  /**
   * The sweep's tasks in stacks: grouped as {@link StackPlan} groups models, at most {@code
   * maxStack} per stack, and at least as many stacks as the executor runs at once ({@code slots})
   * where the tasks allow, largest first.
   *
   * @param examplesPerStep the most examples one stacked step holds ({@link
   *     StackPlan#examplesPerStepOn})
   * @param input the shape of the data's images, the networks' input
   * @param classes the data's classes, the networks' outputs
   * @param examples training examples (for the plan's cost estimates)
   */
  public static List<SweepStack> plan(
      List<SweepTask> tasks,
      TrainingSettings training,
      int maxStack,
      long examplesPerStep,
      int slots,
      InputShape input,
      int classes,
      int examples) {
    List<ModelToTrain> models = new ArrayList<>();
    for (SweepTask task : tasks) {
      RunId run = task.run();
      models.add(
          new ModelToTrain(training.initialWeights(run, input, classes), training.configFor(run)));
    }
    StackPlan plan =
        StackPlan.of(models, maxStack, Long.MAX_VALUE, examplesPerStep, slots, examples);
    return plan.stacks().stream()
        .map(stack -> new SweepStack(stack.stream().map(tasks::get).toList()))
        .toList();
  }

  /** {@code lr0.1_b32-seed42 +3}: the first task, and how many more. */
  public String id() {
    return tasks.get(0).id() + (tasks.size() > 1 ? " +" + (tasks.size() - 1) : "");
  }
}
