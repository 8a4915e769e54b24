package org.losslandscape.pipeline.imports.pgdl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed tiny PGDL task and what its generator ({@code make_pgdl_fixture.py}) says it holds.
 */
final class PgdlFixture {

  private PgdlFixture() {}

  /** The fixture's root: {@code .../imports/pgdl/} in the test resources. */
  static Path root() {
    try {
      return Path.of(PgdlFixture.class.getResource("expected.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The task folder {@code public_data/input_data/task_tiny}. */
  static Path taskFolder() {
    return root().resolve("public_data/input_data/task_tiny");
  }

  /** {@code expected.json}, written by the generator from the numbers it put into the task. */
  static JsonNode expected() {
    return json(root().resolve("expected.json"));
  }

  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The committed Fashion-MNIST subset's folder. */
  static Path fashionMnistSubset() {
    try {
      return Path.of(PgdlFixture.class.getResource("/fashion-mnist-subset").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
