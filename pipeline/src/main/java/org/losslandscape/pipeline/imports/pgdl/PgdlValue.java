package org.losslandscape.pipeline.imports.pgdl;

/**
 * A hyperparameter value of {@code model_configs.json}: a number, a string, a boolean, or (not seen
 * in PGDL's published code, kept so nothing is lost) a JSON array or object.
 *
 * <p>Numbers compare by value, so {@code 256} and {@code 256.0} are the same value: PGDL's scorer
 * casts the current value of {@code convwidth} to an integer before looking it up among the
 * possible values, which suggests the two were written differently.
 */
public sealed interface PgdlValue {

  /** A JSON number. */
  record Numeric(double value) implements PgdlValue {
    @Override
    public String toString() {
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? Long.toString((long) value)
          : Double.toString(value);
    }
  }

  /** A JSON string. */
  record Text(String value) implements PgdlValue {
    @Override
    public String toString() {
      return value;
    }
  }

  /** A JSON boolean. */
  record Flag(boolean value) implements PgdlValue {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A JSON array or object, as compact JSON text. */
  record Structured(String json) implements PgdlValue {
    @Override
    public String toString() {
      return json;
    }
  }
}
