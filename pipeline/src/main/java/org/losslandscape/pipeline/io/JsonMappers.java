package org.losslandscape.pipeline.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Where the tool's Jackson mappers are made, so that every JSON the tool writes and reads starts
 * from one configuration. Each caller adds only what its format needs on top (the result files'
 * non-finite numbers, the sweep's type names); a mapper is thread-safe once configured, so callers
 * keep theirs in a constant.
 */
public final class JsonMappers {

  private JsonMappers() {}

  /**
   * The base of every mapper: fields it does not know are skipped on reading, so a file or message
   * from a newer version of the tool stays readable.
   */
  public static ObjectMapper base() {
    return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The base for files a person may read: snake_case names, pretty-printed. */
  public static ObjectMapper files() {
    return base()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }
}
