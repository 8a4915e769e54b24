package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import org.losslandscape.pipeline.config.ArrayLayout;
import org.losslandscape.pipeline.config.DeviceSettings;
import picocli.CommandLine.Option;

/** Options every command shares: where the data comes from, the device, threads, logging. */
public final class CommonOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "A folder with four IDX files named as Fashion-MNIST's (train-images-idx3-ubyte,"
              + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; .gz or"
              + " raw): MNIST, Kuzushiji-MNIST, EMNIST or any images of one size, [n, h, w] or"
              + " [n, h, w, c]. The network's input shape and classes (largest label + 1) come"
              + " from the data. Without --data-dir or --data-npy: Fashion-MNIST from"
              + " $FASHION_MNIST_DIR, ~/.cache/loss-landscape/fashion-mnist,"
              + " /usr/share/datasets/fashion-mnist, else download.")
  Path dataDir;

  @Option(
      names = "--data-npy",
      paramLabel = "IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS]",
      description =
          "Images and labels as .npy arrays instead of IDX files. Images [n, h, w] or rank 4 in"
              + " --data-layout; integer images are 8-bit levels 0..255 (divided by 255, as IDX"
              + " pixels), float images are taken as given; both are then standardized with the"
              + " training mean and std. Labels: integers [n], >= 0. With two files, example i"
              + " is a test example when i %% 7 == 6 (numpy x[6::7]), the rest train.")
  String dataNpy;

  @Option(
      names = "--data-layout",
      paramLabel = "nhwc|nchw",
      description =
          "Axis order of rank-4 --data-npy images (default: ${DEFAULT-VALUE}): nhwc = [n, h, w,"
              + " c] (TensorFlow), nchw = [n, c, h, w] (PyTorch), transposed to nhwc on load.")
  String dataLayout = ArrayLayout.NHWC.label();

  @Option(
      names = "--device",
      paramLabel = "auto|cpu|cuda",
      description =
          "Where TensorFlow runs (default: ${DEFAULT-VALUE}). cuda falls back to the CPU with a "
              + "warning when no GPU is usable.")
  String device = DeviceSettings.defaults().request().label();

  @Option(
      names = "--require-gpu",
      description = "Fail with exit code 3 instead of falling back to the CPU.")
  boolean requireGpu = DeviceSettings.defaults().requireGpu();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "TensorFlow intra-op threads of each session (default: 0 = the cores shared out between"
              + " the lanes: 1 on the CPU, all on a GPU).")
  int threads = DeviceSettings.defaults().threads();

  @Option(
      names = "--steps-per-run",
      paramLabel = "K",
      description =
          "Training steps per TensorFlow Session.run (default: ${DEFAULT-VALUE}); any value gives"
              + " the same weights, 1 is the old one-run-per-step path.")
  int stepsPerRun = DeviceSettings.defaults().stepsPerRun();

  @Option(
      names = "--lanes",
      paramLabel = "N",
      description =
          "Independent pieces of work run at once: training stacks, slices, each model's measures"
              + " (default: 0 = one per core on the CPU, one on a GPU).")
  int lanes = DeviceSettings.defaults().lanes();

  @Option(
      names = "--max-stack",
      paramLabel = "M",
      description =
          "The most models trained together in one graph (default: 0 = as many as memory allows,"
              + " at most 32, and on the CPU at most 1024 examples a step: batch-1024 models train"
              + " one per graph).")
  int maxStack = DeviceSettings.defaults().maxStack();

  @Option(names = "--verbose", description = "Debug logging, and stack traces with errors.")
  boolean verbose;
}
