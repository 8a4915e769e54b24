package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.device.Device;
import org.losslandscape.models.network.Network;

/**
 * Which models train together: models that share what a stack must share ({@link StackKey}) are
 * grouped in the order given, each group is cut into stacks of at most {@code maxStack} models, at
 * most as many as fit a lane's memory ({@link #bytesPerModel}) and at most as many as keep one
 * stacked step within {@code examplesPerStep} examples ({@link #examplesPerStepOn}), the costliest
 * stack is halved while that shortens the schedule (or while there are fewer stacks than lanes),
 * and the stacks are ordered by estimated cost, largest first (longest-processing-time-first, which
 * keeps lanes busy until the end).
 *
 * <p>Pure: the same models and limits give the same plan. Which stack a model lands in does not
 * change its weights ({@link StackedTrainer}), only how long the whole takes.
 *
 * @param stacks each stack as indices into the list the plan was made from
 */
public record StackPlan(List<List<Integer>> stacks) {

  /** The largest stack the plan makes when memory does not limit it further. */
  public static final int DEFAULT_MAX_STACK = 32;

  /**
   * The most examples (models x batch) one stacked step holds on the CPU. Stacking pays where a
   * model's step is mostly the fixed cost of running its ops (batch 32: 5 models per lane make 2.2x
   * the model-steps per second of one model alone); where one model's step already keeps the lane
   * busy, a larger stack only spills its activations out of the cache. Measured with {@code bench}
   * on the 2-core machine: at batch 1024 one model per stack on each of the two lanes made 723
   * model-steps per second, two per stack 662 and five 631; at batch 256 1 to 8 per stack made the
   * same; at batch 128 four per stack 1.60x one model alone, eight 1.90x, sixteen 1.85x.
   */
  public static final long CPU_EXAMPLES_PER_STEP = 1024;

  /**
   * The most examples one stacked step should hold on {@code device}: {@link
   * #CPU_EXAMPLES_PER_STEP} on the CPU; no limit on a GPU, where one small model's step uses a
   * small part of the card and the stack is what fills it.
   */
  public static long examplesPerStepOn(Device device) {
    return device == Device.CPU ? CPU_EXAMPLES_PER_STEP : Long.MAX_VALUE;
  }

  public StackPlan {
    stacks = stacks.stream().map(List::copyOf).toList();
  }

  /**
   * The plan for {@code models} on {@code lanes} lanes with stacks of at most {@code maxStack}.
   *
   * @param laneMemoryBytes the native memory one lane's stack may use
   * @param examplesPerStep the most examples (models x batch) of one stacked step, at least one
   *     model whatever its batch ({@link #examplesPerStepOn})
   * @param examples training examples (an epoch's length sets the steps of an epoch budget)
   */
  public static StackPlan of(
      List<ModelToTrain> models,
      int maxStack,
      long laneMemoryBytes,
      long examplesPerStep,
      int lanes,
      int examples) {
    if (maxStack < 1 || lanes < 1 || examplesPerStep < 1) {
      throw new IllegalArgumentException(
          "need stacks of >= 1 model of >= 1 example per step on >= 1 lane, got "
              + maxStack
              + ", "
              + examplesPerStep
              + " and "
              + lanes);
    }
    Map<StackKey, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < models.size(); i++) {
      groups.computeIfAbsent(models.get(i).stackKey(), k -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> stacks = new ArrayList<>();
    for (Map.Entry<StackKey, List<Integer>> entry : groups.entrySet()) {
      StackKey key = entry.getKey();
      List<Integer> group = entry.getValue();
      int batch = Math.max(1, Math.min(key.batchSize(), examples));
      int fits =
          maxStackFor(
              laneMemoryBytes, key.architecture(), batch, key.optimizer() != Optimizer.Kind.SGD);
      int worthStacking = (int) Math.max(1, Math.min(Integer.MAX_VALUE, examplesPerStep / batch));
      int cap = Math.min(maxStack, Math.min(fits, worthStacking));
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
