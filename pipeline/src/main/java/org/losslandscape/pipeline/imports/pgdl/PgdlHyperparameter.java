package org.losslandscape.pipeline.imports.pgdl;

import java.util.List;

/**
 * One hyperparameter of a PGDL model, from {@code model_configs.json}: {@code "<name>":
 * {"current_value": v, "possible_values": [...]}}. The possible values are the task's grid along
 * this hyperparameter (PGDL's tasks are complete grids; its scorer conditions on pairs of them).
 *
 * @param name the hyperparameter's key
 * @param value this model's value
 * @param possibleValues every value the task uses, in the file's order
 */
public record PgdlHyperparameter(String name, PgdlValue value, List<PgdlValue> possibleValues) {

  public PgdlHyperparameter {
    possibleValues = List.copyOf(possibleValues);
  }
}
