package org.losslandscape.models.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A network built from a {@link NetworkSpec}: the layers are resolved once against the input shape
 * (output shapes checked, tensors named), then added to any graph as often as needed.
 *
 * <p>A trained network with batch norm carries its moving statistics ({@link #withState}): they are
 * part of the model, not of its trained parameters, so directions, Hessians and ascents never move
 * them.
 */
public final class LayeredNetwork implements Network {

  private final String name;
  private final NetworkSpec spec;
  private final InputShape input;
  private final int classes;
  private final BatchNormMode batchNormMode;
  private final List<float[]> stateValues;
  private final float[] calibration;

  private final List<Resolved> layers;
  private final List<TensorSpec> parameters;
  private final List<TensorSpec> state;
  private final long multiplyAdds;
  private final long activations;

  /**
   * Resolves {@code spec} on inputs of {@code input}.
   *
   * @param name a short name for the architecture (e.g. {@code resnet-8x16}); the description adds
   *     a hash of the spec, so two specs never share a name
   * @throws IllegalArgumentException naming the layer whose input does not fit, or when the last
   *     layer does not produce {@code classes} logits
   */
  public LayeredNetwork(String name, NetworkSpec spec, InputShape input, int classes) {
    this(name, spec, input, classes, BatchNormMode.FROZEN, null, null);
  }

  private LayeredNetwork(
      String name,
      NetworkSpec spec,
      InputShape input,
      int classes,
      BatchNormMode batchNormMode,
      List<float[]> stateValues,
      float[] calibration) {
    this.name = Objects.requireNonNull(name, "name");
    this.spec = spec;
    this.input = input;
    this.classes = classes;
    this.batchNormMode = batchNormMode;
    this.calibration = calibration;
    Resolver resolver = new Resolver();
    List<Resolved> resolved = new ArrayList<>();
    Dims out = resolver.resolveAll(spec.layers(), Dims.of(input), resolved);
    this.layers = List.copyOf(resolved);
    if (!out.flat() || out.c() != classes) {
      throw new IllegalArgumentException(
          "the network's last layer gives "
              + out
              + " values per example; it must give one logit per class ("
              + classes
              + "): end with a dense layer of "
              + classes
              + " units");
    }
    this.parameters = List.copyOf(resolver.parameters);
    this.multiplyAdds = resolver.multiplyAdds;
    this.activations = resolver.activations;
    this.state = List.copyOf(resolver.state);
    this.stateValues = stateValues == null ? initialState(state) : List.copyOf(stateValues);
    if (this.stateValues.size() != state.size()) {
      throw new IllegalArgumentException(
          name + " has " + state.size() + " state tensors, got " + this.stateValues.size());
    }
    for (int i = 0; i < state.size(); i++) {
      if (this.stateValues.get(i).length != state.get(i).size()) {
        throw new IllegalArgumentException(
            state.get(i) + " needs " + state.get(i).size() + " values");
      }
    }
  }

  /**
   * The same network carrying the moving statistics {@code values} ({@link #stateSpecs()} order).
   */
  public LayeredNetwork withState(List<float[]> values) {
    return new LayeredNetwork(name, spec, input, classes, batchNormMode, values, calibration);
  }

  /**
   * The same network evaluated with batch norm in {@code mode}; {@code calibration} ({@code
   * [samples, inputShape().size()]} row-major) are the fixed samples {@link
   * BatchNormMode#RECOMPUTE} estimates the statistics from, ignored otherwise.
   */
  public LayeredNetwork withBatchNormMode(BatchNormMode mode, float[] calibration) {
    if (mode == BatchNormMode.RECOMPUTE
        && (calibration == null
            || calibration.length == 0
            || calibration.length % input.size() != 0)) {
      throw new IllegalArgumentException(
          "recomputed batch-norm statistics need calibration samples of " + input + " values");
    }
    return new LayeredNetwork(
        name,
        spec,
        input,
        classes,
        mode,
        stateValues,
        mode == BatchNormMode.RECOMPUTE ? calibration : null);
  }

  /** The moving statistics this network carries, in {@link #stateSpecs()} order. */
  @Override
  public List<float[]> state() {
    return stateValues;
  }

  public NetworkSpec spec() {
    return spec;
  }

  @Override
  public BatchNormMode batchNormMode() {
    return batchNormMode;
  }

  /** True when any layer is a batch norm. */
  public boolean hasBatchNorm() {
    return !state.isEmpty();
  }

  @Override
  public String describe() {
    // The mode a slice evaluates batch norm in is part of what a cached slice depends on; trained
    // weights are always described in the default, frozen, so their cache keys do not see it.
    return name
        + "@"
        + specHash()
        + (batchNormMode == BatchNormMode.FROZEN ? "" : "+bn-" + batchNormMode.key());
  }

  @Override
  public long multiplyAddsPerExample() {
    return multiplyAdds;
  }

  @Override
  public long activationsPerExample() {
    return activations;
  }

  @Override
  public InputShape inputShape() {
    return input;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public List<TensorSpec> parameterSpecs() {
    return parameters;
  }

  @Override
  public List<TensorSpec> stateSpecs() {
    return state;
  }

  @Override
  public Operand<TFloat32> logits(
      Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> parameters) {
    requireCount(parameters);
    List<Operand<TFloat32>> stateConstants = new ArrayList<>();
    for (int i = 0; i < state.size(); i++) {
      stateConstants.add(
          tf.constant(
              org.tensorflow.ndarray.Shape.of(toLongs(state.get(i).shape())),
              org.tensorflow.ndarray.buffer.DataBuffers.of(stateValues.get(i), true, false)));
    }
    Pass pass = new Pass(tf, parameters, stateConstants, batchNormMode, null);
    Operand<TFloat32> h = toImage(tf, x);
    Operand<TFloat32> cal = null;
    if (batchNormMode == BatchNormMode.RECOMPUTE && hasBatchNorm()) {
      cal = toImage(tf, calibrationConstant(tf));
    }
    return pass.run(layers, new Stream(h, cal)).main();
  }

  @Override
  public Operand<TFloat32> logits(
      Ops tf,
      Operand<TFloat32> x,
      List<? extends Operand<TFloat32>> parameters,
      List<? extends Operand<TFloat32>> currentState) {
    requireCount(parameters);
    Pass pass = new Pass(tf, parameters, currentState, BatchNormMode.FROZEN, null);
    return pass.run(layers, new Stream(toImage(tf, x), null)).main();
  }

  @Override
  public List<Operand<TFloat32>> recomputedState(
      Ops tf, List<? extends Operand<TFloat32>> parameters) {
    if (batchNormMode != BatchNormMode.RECOMPUTE || !hasBatchNorm()) {
      throw new IllegalStateException(name + " does not recompute batch-norm statistics");
    }
    requireCount(parameters);
    Pass pass = new Pass(tf, parameters, List.of(), BatchNormMode.BATCH, null);
    pass.run(layers, new Stream(toImage(tf, calibrationConstant(tf)), null));
    return List.copyOf(pass.batchStatistics);
  }

  @Override
  public java.util.Optional<LinearFirstLayer> linearFirstLayer() {
    // Flatten and zero-pad layers before it hold no weights and are linear: an MLP's first dense
    // layer counts, and so does a convolution with PyTorch's padding.
    int f = 0;
    while (f < layers.size()
        && (layers.get(f).spec() instanceof LayerSpec.Flatten
            || layers.get(f).spec() instanceof LayerSpec.ZeroPad2d)) {
      f++;
    }
    if (f == layers.size()
        || !(layers.get(f).spec() instanceof LayerSpec.Dense
            || layers.get(f).spec() instanceof LayerSpec.Conv2d)) {
      return java.util.Optional.empty();
    }
    Resolved first = layers.get(f);
    List<Resolved> reshapes = layers.subList(0, f);
    List<Resolved> rest = layers.subList(f + 1, layers.size());
    return java.util.Optional.of(
        new LinearFirstLayer() {
          @Override
          public int kernelIndex() {
            return first.firstParameter();
          }

          @Override
          public long multiplyAddsPerExample() {
            return first.out().size() * multiplyAddsPerOutput();
          }

          @Override
          public long multiplyAddsPerOutput() {
            return first.spec() instanceof LayerSpec.Conv2d c
                ? (long) c.kernelHeight() * c.kernelWidth() * first.in().c()
                : first.in().size();
          }

          @Override
          public Operand<TFloat32> product(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel) {
            Pass reshape = new Pass(tf, List.of(), List.of(), BatchNormMode.FROZEN, null);
            Operand<TFloat32> h = reshape.run(reshapes, new Stream(toImage(tf, x), null)).main();
            return linear(tf, first, h, kernel);
          }

          @Override
          public Operand<TFloat32> logitsFrom(
              Ops tf,
              Operand<TFloat32> product,
              List<? extends Operand<TFloat32>> parameters,
              List<? extends Operand<TFloat32>> state) {
            requireCount(parameters);
            BatchNormMode mode =
                state.isEmpty() && hasBatchNorm() ? BatchNormMode.BATCH : BatchNormMode.FROZEN;
            Pass pass = new Pass(tf, parameters, state, mode, null);
            return pass.run(rest, new Stream(pass.withBias(first, product), null)).main();
          }
        });
  }

  @Override
  public TrainingPass trainingPass(
      Ops tf,
      Operand<TFloat32> x,
      List<? extends Operand<TFloat32>> parameters,
      List<? extends Operand<TFloat32>> currentState,
      Operand<TInt64> seed) {
    requireCount(parameters);
    Pass pass = new Pass(tf, parameters, currentState, null, seed);
    Operand<TFloat32> logits = pass.run(layers, new Stream(toImage(tf, x), null)).main();
    return new TrainingPass(logits, pass.newState);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LayeredNetwork n
        && name.equals(n.name)
        && spec.equals(n.spec)
        && input.equals(n.input)
        && classes == n.classes
        && batchNormMode == n.batchNormMode
        && sameState(stateValues, n.stateValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, spec, input, classes);
  }

  @Override
  public String toString() {
    return name;
  }

  // ---------------------------------------------------------------- resolution

  /** A shape between layers: an NHWC image, or a flat vector of {@code c} values. */
  record Dims(int h, int w, int c, boolean flat) {
    static Dims of(InputShape shape) {
      return new Dims(shape.height(), shape.width(), shape.channels(), false);
    }

    static Dims flat(int size) {
      return new Dims(1, 1, size, true);
    }

    int size() {
      return h * w * c;
    }

    @Override
    public String toString() {
      return flat ? "[" + c + "]" : "[" + h + ", " + w + ", " + c + "]";
    }
  }

  /** A layer with its name, the indices of its tensors and the shapes around it. */
  private record Resolved(
      LayerSpec spec,
      String name,
      Dims in,
      Dims out,
      int firstParameter,
      int firstState,
      List<Resolved> body,
      List<Resolved> shortcut) {}

  /** Walks the spec once, naming layers and collecting their tensors. */
  private static final class Resolver {
    final List<TensorSpec> parameters = new ArrayList<>();
    final List<TensorSpec> state = new ArrayList<>();
    long multiplyAdds;
    long activations;
    final Map<String, Integer> counters = new HashMap<>();
    final java.util.Set<String> names = new java.util.HashSet<>();

    Dims resolveAll(List<LayerSpec> specs, Dims in, List<Resolved> out) {
      Dims dims = in;
      for (LayerSpec layer : specs) {
        Resolved r = resolve(layer, dims);
        out.add(r);
        dims = r.out();
        activations += dims.size();
        if (layer instanceof LayerSpec.Dense) {
          multiplyAdds += (long) r.in().size() * dims.size();
        } else if (layer instanceof LayerSpec.Conv2d c) {
          multiplyAdds += (long) dims.size() * c.kernelHeight() * c.kernelWidth() * r.in().c();
        }
      }
      return dims;
    }

    private String name(LayerSpec layer, String kind) {
      // Every layer of a kind advances its counter, named or not, so naming one layer does not
      // rename the others.
      int k = counters.merge(kind, 1, Integer::sum) - 1;
      String chosen = layer.name() != null ? layer.name() : kind + k;
      if (!names.add(chosen)) {
        throw new IllegalArgumentException("two layers are named '" + chosen + "'");
      }
      return chosen;
    }

    private Resolved resolve(LayerSpec layer, Dims in) {
      int p = parameters.size();
      int s = state.size();
      if (layer instanceof LayerSpec.Dense d) {
        String n = name(d, "dense");
        if (!in.flat() && (in.h() != 1 || in.w() != 1)) {
          throw new IllegalArgumentException(
              n + " (dense) needs a flat input but gets " + in + ": add a flatten layer before it");
        }
        parameters.add(
            new TensorSpec(n + ".kernel", new int[] {in.c(), d.units()}, TensorKind.KERNEL));
        if (d.useBias()) {
          parameters.add(new TensorSpec(n + ".bias", new int[] {d.units()}, TensorKind.BIAS));
        }
        return new Resolved(d, n, in, Dims.flat(d.units()), p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.Conv2d c) {
        String n = name(c, "conv");
        requireImage(n, "conv2d", in);
        int h = window(n, in.h(), c.kernelHeight(), c.strideHeight(), c.padding());
        int w = window(n, in.w(), c.kernelWidth(), c.strideWidth(), c.padding());
        parameters.add(
            new TensorSpec(
                n + ".kernel",
                new int[] {c.kernelHeight(), c.kernelWidth(), in.c(), c.filters()},
                TensorKind.KERNEL));
        if (c.useBias()) {
          parameters.add(new TensorSpec(n + ".bias", new int[] {c.filters()}, TensorKind.BIAS));
        }
        return new Resolved(
            c, n, in, new Dims(h, w, c.filters(), false), p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.ZeroPad2d pad) {
        String n = name(pad, "pad");
        requireImage(n, "zero padding", in);
        return new Resolved(
            pad,
            n,
            in,
            new Dims(
                Math.addExact(in.h(), pad.top() + pad.bottom()),
                Math.addExact(in.w(), pad.left() + pad.right()),
                in.c(),
                false),
            p,
            s,
            List.of(),
            List.of());
      }
      if (layer instanceof LayerSpec.Pool2d pool) {
        String n = name(pool, pool.kind() == LayerSpec.PoolKind.MAX ? "maxpool" : "avgpool");
        requireImage(n, "pooling", in);
        int h = window(n, in.h(), pool.size(), pool.stride(), pool.padding());
        int w = window(n, in.w(), pool.size(), pool.stride(), pool.padding());
        return new Resolved(pool, n, in, new Dims(h, w, in.c(), false), p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.GlobalAveragePool g) {
        String n = name(g, "gap");
        requireImage(n, "global average pooling", in);
        return new Resolved(g, n, in, Dims.flat(in.c()), p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.BatchNorm bn) {
        String n = name(bn, "bn");
        int channels = in.c();
        if (bn.scale()) {
          parameters.add(
              new TensorSpec(n + ".gamma", new int[] {channels}, TensorKind.BATCH_NORM_SCALE));
        }
        if (bn.center()) {
          parameters.add(
              new TensorSpec(n + ".beta", new int[] {channels}, TensorKind.BATCH_NORM_SHIFT));
        }
        state.add(new TensorSpec(n + ".moving_mean", new int[] {channels}, TensorKind.BIAS));
        state.add(new TensorSpec(n + ".moving_variance", new int[] {channels}, TensorKind.BIAS));
        return new Resolved(bn, n, in, in, p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.Act a) {
        return new Resolved(a, name(a, "act"), in, in, p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.Dropout d) {
        return new Resolved(d, name(d, "dropout"), in, in, p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.Flatten f) {
        return new Resolved(
            f, name(f, "flatten"), in, Dims.flat(in.size()), p, s, List.of(), List.of());
      }
      if (layer instanceof LayerSpec.Residual r) {
        String n = name(r, "block");
        List<Resolved> body = new ArrayList<>();
        Dims bodyOut = resolveAll(r.body(), in, body);
        List<Resolved> shortcut = new ArrayList<>();
        // The shortcut is walked even without the skip, so that its layers take their names and
        // a network without skips names its other layers as the one with them does; its tensors
        // are then dropped.
        int parametersBefore = parameters.size();
        int stateBefore = state.size();
        Dims shortcutOut = resolveAll(r.shortcut(), in, shortcut);
        if (!r.skip()) {
          parameters.subList(parametersBefore, parameters.size()).clear();
          state.subList(stateBefore, state.size()).clear();
          shortcut.clear();
        } else {
          if (!shortcutOut.equals(bodyOut)) {
            throw new IllegalArgumentException(
                n
                    + ": the body gives "
                    + bodyOut
                    + " but the shortcut gives "
                    + shortcutOut
                    + "; a block that changes the shape needs a projection shortcut");
          }
        }
        return new Resolved(r, n, in, bodyOut, p, s, List.copyOf(body), List.copyOf(shortcut));
      }
      throw new IllegalStateException("unknown layer " + layer);
    }

    private static void requireImage(String name, String what, Dims in) {
      if (in.flat()) {
        throw new IllegalArgumentException(
            name + " (" + what + ") needs an image input but gets the flat " + in);
      }
    }

    private static int window(String name, int in, int size, int stride, Padding padding) {
      int out = padding == Padding.SAME ? ceilDiv(in, stride) : ceilDiv(in - size + 1, stride);
      if (out < 1) {
        throw new IllegalArgumentException(
            name + ": a window of " + size + " does not fit an input of side " + in);
      }
      return out;
    }

    private static int ceilDiv(int a, int b) {
      return a <= 0 ? 0 : (a + b - 1) / b;
    }
  }

  // ---------------------------------------------------------------- graph

  /** The evaluated samples and, with recomputed batch norm, the calibration samples beside them. */
  private record Stream(Operand<TFloat32> main, Operand<TFloat32> calibration) {}

  /** One forward pass through the layers. {@code mode} null means training. */
  private final class Pass {
    final Ops tf;
    final List<? extends Operand<TFloat32>> params;
    final List<? extends Operand<TFloat32>> stateIn;
    final BatchNormMode mode;
    final Operand<TInt64> seed;
    final List<Operand<TFloat32>> newState = new ArrayList<>();

    /** Each batch-norm layer's mean and variance of its input, in state order (not FROZEN). */
    final List<Operand<TFloat32>> batchStatistics =
        new ArrayList<>(java.util.Collections.nCopies(state.size(), null));

    int dropoutIndex;

    Pass(
        Ops tf,
        List<? extends Operand<TFloat32>> params,
        List<? extends Operand<TFloat32>> stateIn,
        BatchNormMode mode,
        Operand<TInt64> seed) {
      this.tf = tf;
      this.params = params;
      this.stateIn = stateIn;
      this.mode = mode;
      this.seed = seed;
    }

    Stream run(List<Resolved> resolved, Stream in) {
      Stream h = in;
      for (Resolved layer : resolved) {
        h = apply(layer, h);
      }
      return h;
    }

    private Stream apply(Resolved r, Stream in) {
      if (r.spec() instanceof LayerSpec.Residual block) {
        Stream body = run(r.body(), in);
        if (!block.skip()) {
          return body;
        }
        Stream shortcut = run(r.shortcut(), in);
        return new Stream(
            tf.math.add(body.main(), shortcut.main()),
            body.calibration() == null
                ? null
                : tf.math.add(body.calibration(), shortcut.calibration()));
      }
      if (r.spec() instanceof LayerSpec.BatchNorm bn) {
        return batchNorm(r, bn, in);
      }
      return new Stream(
          single(r, in.main()), in.calibration() == null ? null : single(r, in.calibration()));
    }

    /** Every layer but batch norm and residual blocks acts on each stream alone. */
    private Operand<TFloat32> single(Resolved r, Operand<TFloat32> h) {
      LayerSpec spec = r.spec();
      if (spec instanceof LayerSpec.Dense || spec instanceof LayerSpec.Conv2d) {
        return withBias(r, linear(tf, r, h, params.get(r.firstParameter())));
      }
      if (spec instanceof LayerSpec.ZeroPad2d pad) {
        Operand<TInt32> amounts =
            tf.constant(
                new int[][] {{0, 0}, {pad.top(), pad.bottom()}, {pad.left(), pad.right()}, {0, 0}});
        return tf.pad(h, amounts, tf.constant(0f));
      }
      if (spec instanceof LayerSpec.Pool2d pool) {
        if (pool.kind() == LayerSpec.PoolKind.MAX) {
          Operand<TInt32> window = tf.constant(new int[] {1, pool.size(), pool.size(), 1});
          Operand<TInt32> strides = tf.constant(new int[] {1, pool.stride(), pool.stride(), 1});
          return tf.nn.maxPool(h, window, strides, pool.padding().name());
        }
        return tf.nn.avgPool(
            h,
            List.of(1L, (long) pool.size(), (long) pool.size(), 1L),
            List.of(1L, (long) pool.stride(), (long) pool.stride(), 1L),
            pool.padding().name());
      }
      if (spec instanceof LayerSpec.GlobalAveragePool g) {
        return tf.math.mean(h, tf.constant(new int[] {1, 2}));
      }
      if (spec instanceof LayerSpec.Act a) {
        return activation(a.activation(), h);
      }
      if (spec instanceof LayerSpec.Dropout d) {
        return dropout(d, h);
      }
      if (spec instanceof LayerSpec.Flatten f) {
        return flat(h, r.in());
      }
      if (spec instanceof LayerSpec.BatchNorm bn) {
        throw new IllegalStateException("handled by batchNorm");
      }
      if (spec instanceof LayerSpec.Residual block) {
        throw new IllegalStateException("handled by apply");
      }
      throw new IllegalStateException("unknown layer " + spec);
    }

    /** A dense or convolution layer's output plus its bias, if it has one. */
    Operand<TFloat32> withBias(Resolved r, Operand<TFloat32> product) {
      boolean bias =
          r.spec() instanceof LayerSpec.Dense d
              ? d.useBias()
              : ((LayerSpec.Conv2d) r.spec()).useBias();
      return bias ? tf.nn.biasAdd(product, params.get(r.firstParameter() + 1)) : product;
    }

    private Operand<TFloat32> flat(Operand<TFloat32> h, Dims in) {
      return LayeredNetwork.flat(tf, h, in);
    }

    private Operand<TFloat32> activation(Activation a, Operand<TFloat32> h) {
      return switch (a) {
        case RELU -> tf.nn.relu(h);
        case TANH -> tf.math.tanh(h);
        case SIGMOID -> tf.math.sigmoid(h);
        case ELU -> tf.nn.elu(h);
        case SOFTPLUS ->
            // log(1 + e^h) = max(h, 0) + log(1 + e^-|h|): stable, and built of ops whose second
            // derivatives TensorFlow Java has.
            tf.math.add(tf.nn.relu(h), tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(h)))));
        case LINEAR -> h;
      };
    }

    private Operand<TFloat32> dropout(LayerSpec.Dropout d, Operand<TFloat32> h) {
      int index = dropoutIndex++;
      if (mode != null || d.rate() == 0) {
        return h;
      }
      // Each dropout layer draws from its own stream of the step's seed.
      Operand<TInt64> layerSeed =
          tf.math.add(seed, tf.constant(new long[] {0, 7919L * (index + 1)}));
      Operand<TFloat32> uniform =
          tf.random.statelessRandomUniform(tf.shape(h), layerSeed, TFloat32.class);
      Operand<TFloat32> keep =
          tf.dtypes.cast(
              tf.math.greaterEqual(uniform, tf.constant((float) d.rate())), TFloat32.class);
      return tf.math.mul(h, tf.math.mul(keep, tf.constant((float) (1 / (1 - d.rate())))));
    }

    private Stream batchNorm(Resolved r, LayerSpec.BatchNorm bn, Stream in) {
      int p = r.firstParameter();
      Operand<TFloat32> gamma = bn.scale() ? params.get(p++) : null;
      Operand<TFloat32> beta = bn.center() ? params.get(p) : null;
      Operand<TFloat32> mean;
      Operand<TFloat32> variance;
      if (mode == BatchNormMode.FROZEN) {
        mean = stateIn.get(r.firstState());
        variance = stateIn.get(r.firstState() + 1);
      } else {
        Operand<TFloat32> source = mode == BatchNormMode.RECOMPUTE ? in.calibration() : in.main();
        Operand<TInt32> axes =
            r.in().flat() ? tf.constant(new int[] {0}) : tf.constant(new int[] {0, 1, 2});
        mean = tf.math.mean(source, axes);
        variance = tf.math.mean(tf.math.squaredDifference(source, mean), axes);
        batchStatistics.set(r.firstState(), mean);
        batchStatistics.set(r.firstState() + 1, variance);
        if (mode == null) {
          Operand<TFloat32> movingMean = stateIn.get(r.firstState());
          Operand<TFloat32> movingVariance = stateIn.get(r.firstState() + 1);
          // Keras' update; Keras keeps the biased variance, so do we.
          Operand<TFloat32> m = tf.constant((float) bn.momentum());
          Operand<TFloat32> oneMinus = tf.constant((float) (1 - bn.momentum()));
          newState.add(
              tf.math.add(
                  tf.math.mul(movingMean, m), tf.math.mul(tf.stopGradient(mean), oneMinus)));
          newState.add(
              tf.math.add(
                  tf.math.mul(movingVariance, m),
                  tf.math.mul(tf.stopGradient(variance), oneMinus)));
        }
      }
      Operand<TFloat32> inverse =
          tf.math.rsqrt(tf.math.add(variance, tf.constant((float) bn.epsilon())));
      Operand<TFloat32> scale = gamma == null ? inverse : tf.math.mul(inverse, gamma);
      Operand<TFloat32> shift = tf.math.neg(tf.math.mul(mean, scale));
      if (beta != null) {
        shift = tf.math.add(shift, beta);
      }
      Operand<TFloat32> finalScale = scale;
      Operand<TFloat32> finalShift = shift;
      java.util.function.UnaryOperator<Operand<TFloat32>> normalize =
          h -> tf.math.add(tf.math.mul(h, finalScale), finalShift);
      return new Stream(
          normalize.apply(in.main()),
          in.calibration() == null ? null : normalize.apply(in.calibration()));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A dense or convolution layer's product of its input with {@code kernel}, before the bias. */
  private static Operand<TFloat32> linear(
      Ops tf, Resolved r, Operand<TFloat32> h, Operand<TFloat32> kernel) {
    if (r.spec() instanceof LayerSpec.Conv2d c) {
      return tf.nn.conv2d(
          h,
          kernel,
          List.of(1L, (long) c.strideHeight(), (long) c.strideWidth(), 1L),
          c.padding().name());
    }
    return tf.linalg.matMul(flat(tf, h, r.in()), kernel);
  }

  private static Operand<TFloat32> flat(Ops tf, Operand<TFloat32> h, Dims in) {
    return in.flat() ? h : tf.reshape(h, tf.constant(new int[] {-1, in.size()}));
  }

  /** The calibration samples of {@link BatchNormMode#RECOMPUTE}, flat, as a constant. */
  private Operand<TFloat32> calibrationConstant(Ops tf) {
    return tf.constant(
        org.tensorflow.ndarray.Shape.of(calibration.length / input.size(), input.size()),
        org.tensorflow.ndarray.buffer.DataBuffers.of(calibration, true, false));
  }

  private Operand<TFloat32> toImage(Ops tf, Operand<TFloat32> x) {
    if (!layers.isEmpty() && layers.get(0).spec() instanceof LayerSpec.Dense) {
      return x;
    }
    return tf.reshape(
        x, tf.constant(new int[] {-1, input.height(), input.width(), input.channels()}));
  }

  private void requireCount(List<? extends Operand<TFloat32>> given) {
    if (given.size() != parameters.size()) {
      throw new IllegalArgumentException(
          name + " has " + parameters.size() + " parameter tensors, got " + given.size());
    }
  }

  private String specHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String text = spec + "|" + input + "|" + classes;
      return HexFormat.of()
          .formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static List<float[]> initialState(List<TensorSpec> state) {
    List<float[]> values = new ArrayList<>();
    for (TensorSpec t : state) {
      float[] v = new float[t.size()];
      if (t.name().endsWith(".moving_variance")) {
        java.util.Arrays.fill(v, 1f);
      }
      values.add(v);
    }
    return List.copyOf(values);
  }

  private static boolean sameState(List<float[]> a, List<float[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static long[] toLongs(int[] shape) {
    long[] out = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = shape[i];
    }
    return out;
  }
}
