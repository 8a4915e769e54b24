package org.losslandscape.pipeline.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.Printable;
import org.losslandscape.pipeline.io.ResultsException;

/** JSON result files: pretty-printed, written atomically, read back as trees. */
public final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /**
   * JSON files here describe models and runs (kilobytes); a bigger one is not one of ours, and
   * reading it whole could exhaust the heap.
   */
  static final long MAX_READ_BYTES = 16L << 20;

  private Json() {}

  /** Writes {@code value} (records, maps, lists, numbers) as JSON to {@code target}, atomically. */
  public static void write(Path target, Object value) {
    try {
      AtomicFiles.write(
          target, (MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + target.getFileName(), e);
    }
  }

  /**
   * Reads {@code file} as a JSON tree; a missing, oversized or malformed file is a one-line {@link
   * ResultsException}.
   */
  public static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ResultsException("missing file " + file);
    }
    try {
      long size = Files.size(file);
      if (size > MAX_READ_BYTES) {
        throw new ResultsException(
            "cannot parse "
                + file
                + ": it is "
                + size
                + " bytes, more than the "
                + (MAX_READ_BYTES >> 20)
                + " MiB a description file of this tool can be");
      }
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // Jackson quotes the offending text; only its first line is the message, made printable.
      throw new ResultsException(
          Printable.oneLine("cannot parse " + file + ": " + detail.lines().findFirst().orElse("")),
          e);
    }
  }

  /**
   * A JSON object whose keys keep the order given ({@code Map.of} would shuffle them), from
   * alternating keys and values.
   */
  public static java.util.Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("object() needs key, value pairs");
    }
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
