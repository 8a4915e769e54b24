package org.losslandscape.pipeline.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.network.BuiltInNetworks;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.network.NetworkSpec;

/**
 * Which network a study trains, before the data say its input shape and classes: {@code --model} (a
 * built-in) or {@code --model-file} (a JSON network file).
 */
public sealed interface NetworkChoice {

  /** The network for images of {@code input} with {@code classes} classes. */
  Network build(InputShape input, int classes);

  /** A short name for logs and summaries, e.g. {@code mlp} or {@code resnet-20x16-noskip}. */
  String label();

  /** The MLP with these hidden widths (a recipe may bring its own). */
  record Mlp(List<Integer> hidden) implements NetworkChoice {
    public Mlp {
      hidden = List.copyOf(hidden);
    }

    @Override
    public Network build(InputShape input, int classes) {
      return new MlpArchitecture(input.size(), hidden, classes);
    }

    @Override
    public String label() {
      return "mlp";
    }
  }

  /** One of the built-in layered networks. */
  record BuiltIn(BuiltInName name, int depth, int width, boolean skip) implements NetworkChoice {
    @Override
    public Network build(InputShape input, int classes) {
      NetworkSpec spec =
          switch (name) {
            case LENET -> BuiltInNetworks.lenet(classes);
            case VGG -> BuiltInNetworks.vgg(width, true, classes);
            case RESNET -> BuiltInNetworks.resnet(depth, width, skip, classes);
          };
      return new LayeredNetwork(label(), spec, input, classes);
    }

    @Override
    public String label() {
      return switch (name) {
        case LENET -> "lenet";
        case VGG -> "vgg-" + width;
        case RESNET -> "resnet-" + depth + "x" + width + (skip ? "" : "-noskip");
      };
    }
  }

  /** A network read from a JSON file. */
  record FromFile(String name, NetworkSpec spec, String file) implements NetworkChoice {
    @Override
    public Network build(InputShape input, int classes) {
      return new LayeredNetwork(name, spec, input, classes);
    }

    @Override
    public String label() {
      return name;
    }
  }

  /** The names {@code --model} takes besides {@code mlp}. */
  enum BuiltInName {
    LENET,
    VGG,
    RESNET;

    /** The built-in called {@code text} ({@code lenet}, {@code vgg}, {@code resnet}), if any. */
    public static Optional<BuiltInName> parse(String text) {
      for (BuiltInName n : values()) {
        if (n.name().toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT))) {
          return Optional.of(n);
        }
      }
      return Optional.empty();
    }
  }
}
