package org.losslandscape.pipeline.imports.pgdl;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a PGDL model's files are: its folder {@code model_<id>/} holds {@code config.json} (the
 * architecture, {@link PgdlModelConfig}), {@code weights.hdf5} (the trained weights) and, for most
 * tasks, {@code weights_init.hdf5} (the weights before training).
 *
 * <p>The weight files are Keras HDF5 weight files as {@code model.save_weights(...)} wrote them in
 * TF 2.x (root attribute {@code layer_names}, one group per layer with attribute {@code
 * weight_names}), loaded by PGDL into the model built from {@code config.json}; this reader only
 * checks that they exist.
 *
 * @param folder the model's folder
 * @param config its {@code config.json}
 * @param weights its {@code weights.hdf5}
 * @param initialWeights its {@code weights_init.hdf5}, if present
 */
public record PgdlModelFiles(
    Path folder, Path config, Path weights, Optional<Path> initialWeights) {

  /** The trained weights' file name. */
  public static final String WEIGHTS = "weights.hdf5";

  /** The initial weights' file name. */
  public static final String INITIAL_WEIGHTS = "weights_init.hdf5";
}
