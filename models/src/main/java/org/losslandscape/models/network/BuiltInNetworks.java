package org.losslandscape.models.network;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.network.LayerSpec.Act;
import org.losslandscape.models.network.LayerSpec.BatchNorm;
import org.losslandscape.models.network.LayerSpec.Conv2d;
import org.losslandscape.models.network.LayerSpec.Dense;
import org.losslandscape.models.network.LayerSpec.Flatten;
import org.losslandscape.models.network.LayerSpec.GlobalAveragePool;
import org.losslandscape.models.network.LayerSpec.Pool2d;
import org.losslandscape.models.network.LayerSpec.PoolKind;
import org.losslandscape.models.network.LayerSpec.Residual;

/**
 * The networks the tool knows by name, as layer specs. The MLP is not here: it is {@code
 * MlpArchitecture}, which has its own fast paths.
 */
public final class BuiltInNetworks {

  private BuiltInNetworks() {}

  private static final Act RELU = new Act(Activation.RELU);

  /**
   * Batch norm as PyTorch's defaults (epsilon 1e-5, moving averages updated by 0.1 of each batch),
   * which Li et al.'s networks use: Keras' 0.99 leaves the stored statistics of a short run mostly
   * at their starting values, so a model evaluated after a few hundred steps scores far below its
   * training batches.
   */
  private static BatchNorm batchNorm() {
    return new BatchNorm(null, 1e-5, 0.9, true, true);
  }

  /**
   * A LeNet-5-style CNN: conv 5x5 (6, same), max pool, conv 5x5 (16, valid), max pool, dense 120,
   * dense 84, dense classes; ReLU throughout.
   */
  public static NetworkSpec lenet(int classes) {
    return new NetworkSpec(
        List.of(
            new Conv2d(6, 5, 1, Padding.SAME, true),
            RELU,
            new Pool2d(null, PoolKind.MAX, 2, 2, Padding.VALID),
            new Conv2d(16, 5, 1, Padding.VALID, true),
            RELU,
            new Pool2d(null, PoolKind.MAX, 2, 2, Padding.VALID),
            new Flatten(null),
            new Dense(120),
            RELU,
            new Dense(84),
            RELU,
            new Dense(classes)));
  }

  /**
   * A small VGG: two stages of two 3x3 convolutions (width, then 2 x width filters, same padding,
   * each followed by batch norm when asked and ReLU) and a 2x2 max pool, then dense 128 and dense
   * classes.
   */
  public static NetworkSpec vgg(int width, boolean batchNorm, int classes) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int stage = 0; stage < 2; stage++) {
      int filters = width << stage;
      for (int conv = 0; conv < 2; conv++) {
        layers.add(new Conv2d(filters, 3, 1, Padding.SAME, !batchNorm));
        if (batchNorm) {
          layers.add(batchNorm());
        }
        layers.add(RELU);
      }
      layers.add(new Pool2d(null, PoolKind.MAX, 2, 2, Padding.VALID));
    }
    layers.add(new Flatten(null));
    layers.add(new Dense(128));
    layers.add(RELU);
    layers.add(new Dense(classes));
    return new NetworkSpec(layers);
  }

  /**
   * He et al.'s CIFAR ResNet: a 3x3 stem of {@code width} filters, three stages of {@code (depth -
   * 2) / 6} basic blocks with width, 2 width and 4 width filters (the first block of stages 2 and 3
   * halves the resolution with stride 2 and a 1x1 projection shortcut), global average pooling and
   * a dense layer. Every convolution is followed by batch norm; ReLU after the stem, inside each
   * block and after each addition. With {@code skip = false} no block adds its shortcut: Li et
   * al.'s ResNet-noshort.
   *
   * @param depth 6n + 2: 8, 14, 20, 32, 56, ...
   * @throws IllegalArgumentException for a depth that is not 6n + 2 with n >= 1
   */
  public static NetworkSpec resnet(int depth, int width, boolean skip, int classes) {
    if (depth < 8 || (depth - 2) % 6 != 0) {
      throw new IllegalArgumentException(
          "a ResNet's depth must be 6n + 2 (8, 14, 20, 32, 56, ...), got " + depth);
    }
    if (width < 1) {
      throw new IllegalArgumentException("a ResNet's width must be >= 1, got " + width);
    }
    int blocks = (depth - 2) / 6;
    List<LayerSpec> layers = new ArrayList<>();
    layers.add(new Conv2d(width, 3, 1, Padding.SAME, false));
    layers.add(batchNorm());
    layers.add(RELU);
    for (int stage = 0; stage < 3; stage++) {
      int filters = width << stage;
      for (int block = 0; block < blocks; block++) {
        int stride = stage > 0 && block == 0 ? 2 : 1;
        List<LayerSpec> body =
            List.of(
                new Conv2d(filters, 3, stride, Padding.SAME, false),
                batchNorm(),
                RELU,
                new Conv2d(filters, 3, 1, Padding.SAME, false),
                batchNorm());
        List<LayerSpec> shortcut =
            stride == 1
                ? List.of()
                : List.of(new Conv2d(filters, 1, stride, Padding.SAME, false), batchNorm());
        layers.add(new Residual(null, body, shortcut, skip));
        layers.add(RELU);
      }
    }
    layers.add(new GlobalAveragePool(null));
    layers.add(new Dense(classes));
    return new NetworkSpec(layers);
  }
}
