package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.network.Network;

/**
 * Which models train together: models that share what a stack must share ({@link StackKey}) are
 * grouped in the order given, each group is cut into stacks of at most {@code maxStack} models and
 * at most as many as fit a lane's memory ({@link #bytesPerModel}), the costliest stack is halved
 * while that shortens the schedule (or while there are fewer stacks than lanes), and the stacks are
 * ordered by estimated cost, largest first (longest-processing-time-first, which keeps lanes busy
 * until the end).
 *
 * <p>Pure: the same models and limits give the same plan. Which stack a model lands in does not
 * change its weights ({@link StackedTrainer}), only how long the whole takes.
 *
 * @param stacks each stack as indices into the list the plan was made from
 */
public record StackPlan(List<List<Integer>> stacks) {

  /** The largest stack the plan makes when memory does not limit it further. */
  public static final int DEFAULT_MAX_STACK = 32;

  public StackPlan {
    stacks = stacks.stream().map(List::copyOf).toList();
  }

  /**
   * The plan for {@code models} on {@code lanes} lanes with stacks of at most {@code maxStack}.
   *
   * @param laneMemoryBytes the native memory one lane's stack may use
   * @param examples training examples (an epoch's length sets the steps of an epoch budget)
   */
  public static StackPlan of(
      List<ModelToTrain> models, int maxStack, long laneMemoryBytes, int lanes, int examples) {
    if (maxStack < 1 || lanes < 1) {
      throw new IllegalArgumentException(
          "need stacks of >= 1 model on >= 1 lane, got " + maxStack + " and " + lanes);
    }
    Map<StackKey, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < models.size(); i++) {
      groups.computeIfAbsent(models.get(i).stackKey(), k -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> stacks = new ArrayList<>();
    for (Map.Entry<StackKey, List<Integer>> entry : groups.entrySet()) {
      StackKey key = entry.getKey();
      List<Integer> group = entry.getValue();
      int fits =
          maxStackFor(
              laneMemoryBytes,
              key.architecture(),
              Math.min(key.batchSize(), examples),
              key.optimizer() != Optimizer.Kind.SGD);
      int cap = Math.min(maxStack, fits);
      // Equal parts rather than full stacks and a remainder: 33 at most 32 gives 17 + 16.
      int parts = (group.size() + cap - 1) / cap;
      stacks.addAll(split(group, parts));
    }
    // Halve the costliest stack while that shortens the schedule (or a lane would idle): a
    // stack of large-batch models can cost thirty times a stack of small-batch ones with the same
    // budget, and without a split one lane works while the other waits.
    while (true) {
      var splittable =
          stacks.stream()
              .filter(s -> s.size() >= 2)
              .max(Comparator.comparingDouble(s -> cost(models, s, examples)));
      if (splittable.isEmpty()) {
        break;
      }
      List<List<Integer>> trial = new ArrayList<>(stacks);
      trial.remove(splittable.get());
      trial.addAll(split(splittable.get(), 2));
      if (stacks.size() < lanes
          || makespan(models, trial, lanes, examples)
              < makespan(models, stacks, lanes, examples) * (1 - 1e-9)) {
        stacks = trial;
      } else {
        break;
      }
    }
    List<List<Integer>> ordered = new ArrayList<>(stacks);
    ordered.sort(
        Comparator.comparingDouble((List<Integer> s) -> cost(models, s, examples))
            .reversed()
            .thenComparing(s -> s.get(0)));
    return new StackPlan(ordered);
  }

  /**
   * The time the lanes take for {@code stacks} when each stack, costliest first, goes to the lane
   * that is free first: the longest lane's total cost.
   */
  static double makespan(
      List<ModelToTrain> models, List<List<Integer>> stacks, int lanes, int examples) {
    double[] load = new double[lanes];
    stacks.stream()
        .map(s -> cost(models, s, examples))
        .sorted(Comparator.reverseOrder())
        .forEach(
            c -> {
              int least = 0;
              for (int l = 1; l < lanes; l++) {
                if (load[l] < load[least]) {
                  least = l;
                }
              }
              load[least] += c;
            });
    double longest = 0;
    for (double l : load) {
      longest = Math.max(longest, l);
    }
    return longest;
  }

  /** {@code group} in {@code parts} consecutive pieces whose sizes differ by at most one. */
  private static List<List<Integer>> split(List<Integer> group, int parts) {
    List<List<Integer>> out = new ArrayList<>();
    int from = 0;
    for (int p = 0; p < parts; p++) {
      int size = (group.size() - from) / (parts - p);
      out.add(new ArrayList<>(group.subList(from, from + size)));
      from += size;
    }
    return out;
  }

  /**
   * A stack's estimated cost in arbitrary units: planned steps times (models times the step's
   * products, plus a fixed cost per step that a small step is mostly made of).
   */
  static double cost(List<ModelToTrain> models, List<Integer> stack, int examples) {
    TrainingConfig c = models.get(stack.get(0)).config();
    Network net = models.get(stack.get(0)).initial().architecture();
    double perExample = net.multiplyAddsPerExample();
    // A step's fixed cost (running its ops), measured here as about a 32-example model-step.
    double fixedPerStep = 32 * perExample;
    long steps = c.budget().plannedSteps(examples, c.batchSize());
    int batch = Math.min(c.batchSize(), examples);
    return steps * (stack.size() * batch * perExample + fixedPerStep);
  }

  /**
   * Native memory one model of a stack needs while training, an upper estimate: its weights,
   * gradients and update temporaries (with momentum buffers and SAM's perturbed copy), its
   * activations and their gradients for one minibatch, and its activations while the training set
   * is evaluated. The training set itself is shared by the stack and not counted.
   */
  public static long bytesPerModel(Network net, int batchSize, boolean sharpnessAware) {
    double parameters = net.parameterCount();
    double widths = net.activationsPerExample();
    double inputs = net.inputShape().size();
    double weightCopies = 6 + (sharpnessAware ? 4 : 0);
    double stepActivations = batchSize * (inputs + 4 * widths) * (sharpnessAware ? 2 : 1);
    double evaluation = StackedTrainer.evalChunk(net) * (inputs + 3 * widths);
    return (long) (Float.BYTES * (weightCopies * parameters + stepActivations + evaluation));
  }

  /**
   * The largest stack that fits {@code budgetBytes} of memory per lane, at most {@link
   * #DEFAULT_MAX_STACK} and at least 1.
   */
  public static int maxStackFor(
      long budgetBytes, Network net, int batchSize, boolean sharpnessAware) {
    long perModel = bytesPerModel(net, batchSize, sharpnessAware);
    return (int) Math.max(1, Math.min(DEFAULT_MAX_STACK, budgetBytes / perModel));
  }
}
