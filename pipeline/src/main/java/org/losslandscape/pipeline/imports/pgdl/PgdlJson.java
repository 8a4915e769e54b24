package org.losslandscape.pipeline.imports.pgdl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.JsonMappers;
import org.losslandscape.pipeline.io.Printable;
import org.losslandscape.pipeline.results.Json;

/** Reads the JSON files of a PGDL task as trees, every failure a one-line {@link DataException}. */
final class PgdlJson {

  /**
   * A task's JSON files describe at most a few thousand models (kilobytes to a few megabytes); a
   * bigger file is not one of them, and reading it whole could exhaust the heap.
   */
  static final long MAX_BYTES = 64L << 20;

  private static final ObjectMapper MAPPER =
      JsonMappers.base().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private PgdlJson() {}

  /** The tree of {@code file}. */
  static JsonNode read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new DataException(
            Printable.oneLine(
                "cannot read "
                    + file
                    + ": it is "
                    + size
                    + " bytes, more than the "
                    + (MAX_BYTES >> 20)
                    + " MiB a PGDL description file can be"));
      }
      JsonNode tree = MAPPER.readTree(file.toFile());
      if (tree == null || tree.isMissingNode()) {
        throw new DataException(Printable.oneLine("cannot read " + file + ": the file is empty"));
      }
      return tree;
    } catch (NoSuchFileException e) {
      throw new DataException(Printable.oneLine("missing file " + file));
    } catch (JsonProcessingException e) {
      throw new DataException(Json.notValidJson(file, e), e);
    } catch (IOException e) {
      throw new DataException(Json.cannotRead(file, e), e);
    }
  }

  /** {@code "<file>: <field path> <problem>"} as a one-line exception. */
  static DataException bad(Path file, String field, String problem) {
    return new DataException(Printable.oneLine("PGDL file " + file + ": " + field + " " + problem));
  }
}
