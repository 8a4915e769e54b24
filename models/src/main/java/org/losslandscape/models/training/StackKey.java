package org.losslandscape.models.training;

import java.util.Objects;
import org.losslandscape.models.network.Network;

/**
 * What the models of one stack share, because it shapes the graph or the loop rather than being a
 * value a model can carry along the stack's model axis: the architecture (the tensors' shapes), the
 * batch size (the minibatch tensors' shapes and the epoch boundaries), the budget (when the loop
 * evaluates and stops), the optimizer's kind (SAM and ASAM take a second gradient that SGD does
 * not) and the training data. Everything else (learning rate, schedule, momentum, weight decay,
 * dropout, SAM's rho, ASAM's eta, the seed, checkpoints) differs freely between the models of a
 * stack.
 *
 * @param architecture the network
 * @param batchSize examples per minibatch
 * @param budget when to stop
 * @param optimizer SGD, SAM or ASAM
 * @param trainExamples the training subset's size (0 = the whole set): the data in the graph
 */
public record StackKey(
    Network architecture,
    int batchSize,
    TrainingBudget budget,
    Optimizer.Kind optimizer,
    int trainExamples) {

  public StackKey {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(optimizer, "optimizer");
  }

  /** How logs name a stack of this kind, e.g. {@code batch 32, sgd, 10 epochs}. */
  public String describe() {
    return architecture
        + ", batch "
        + batchSize
        + ", "
        + optimizer.name().toLowerCase(java.util.Locale.ROOT)
        + ", "
        + budget.describe()
        + (trainExamples > 0 ? ", " + trainExamples + " training examples" : "");
  }
}
