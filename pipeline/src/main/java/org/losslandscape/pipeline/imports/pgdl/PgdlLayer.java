package org.losslandscape.pipeline.imports.pgdl;

import java.util.List;
import java.util.Optional;

/**
 * One layer of a PGDL model definition ({@code config.json}'s {@code model_config} list): the name
 * of a {@code tf.keras.layers} class and the keyword arguments PGDL passes to its constructor.
 * Mapping it to this tool's network description is the importer's job, not this reader's.
 *
 * @param className the {@code layer_name} field, e.g. {@code Conv2D}, {@code Dense}, {@code
 *     MaxPooling2D}
 * @param arguments every other field, sorted by name
 */
public record PgdlLayer(String className, List<Argument> arguments) {

  public PgdlLayer {
    arguments = List.copyOf(arguments);
  }

  /**
   * One keyword argument of a layer.
   *
   * @param name the argument's name, e.g. {@code filters}
   * @param json its value as compact JSON text, e.g. {@code 32}, {@code [3,3]}, {@code "relu"}
   */
  public record Argument(String name, String json) {}

  /** The JSON text of argument {@code name}, if the layer has it. */
  public Optional<String> argument(String name) {
    return arguments.stream().filter(a -> a.name().equals(name)).map(Argument::json).findFirst();
  }
}
