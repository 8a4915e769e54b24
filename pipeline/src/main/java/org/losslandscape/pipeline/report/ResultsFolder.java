package org.losslandscape.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.losslandscape.pipeline.io.ResultsException;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.RecipeSummary;
import org.losslandscape.pipeline.summary.Summary;

/**
 * A folder a study (or the {@code landscape} command) wrote, opened for reading: its {@code
 * summary.json} as typed records, and where each recipe's files are.
 *
 * @param directory the folder
 * @param summary its summary, with non-finite numbers restored (see {@link Json#read(Path, Class)})
 */
public record ResultsFolder(Path directory, Summary summary) {

  /** The file every results folder has. */
  public static final String SUMMARY = "summary.json";

  /**
   * Opens {@code directory}; a folder without a summary of this tool's current format is a one-line
   * {@link ResultsException}.
   */
  public static ResultsFolder open(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new ResultsException("no results folder at " + directory + ": it is not a folder");
    }
    Path file = directory.resolve(SUMMARY);
    if (!Files.isRegularFile(file)) {
      throw new ResultsException(
          directory
              + " is not a results folder: it has no "
              + SUMMARY
              + " (a study writes one into its output folder)");
    }
    // The format is checked on the tree first: a summary of another version may not even map
    // onto the records, and "run again" is the useful message then.
    JsonNode tree = Json.read(file);
    JsonNode format = tree.path("format");
    if (!format.isTextual()) {
      throw new ResultsException(
          file
              + " has no format field: it was written by an older version of the tool or by"
              + " something else; run the study again with this version");
    }
    if (!Summary.FORMAT.equals(format.asText())) {
      throw new ResultsException(
          file + " is not a loss-landscape summary (its format is " + format.asText() + ")");
    }
    int version = tree.path("format_version").asInt(-1);
    if (version != Summary.FORMAT_VERSION) {
      throw new ResultsException(
          file
              + " has format version "
              + version
              + ", this tool reads version "
              + Summary.FORMAT_VERSION
              + "; run the study again with this version");
    }
    Summary summary = Json.read(file, Summary.class);
    boolean protocols = summary.protocols() != null && !summary.protocols().isEmpty();
    if (summary.configs() == null
        || (summary.configs().isEmpty() && !protocols)
        || summary.configs().stream().anyMatch(c -> c == null || c.name() == null)) {
      throw new ResultsException(file + " lists no recipe, or a recipe without a name, in configs");
    }
    return new ResultsFolder(directory, summary);
  }

  /**
   * True for the top folder of a multi-protocol study: its recipes are in one study folder per
   * protocol, each with its own page.
   */
  public boolean protocolIndex() {
    return summary.protocols() != null && !summary.protocols().isEmpty();
  }

  /** The folder of a recipe's first seed (or of the model the landscape command sliced). */
  public Path recipeFolder(RecipeSummary recipe) {
    return directory.resolve(recipe.name());
  }

  /** The text of {@code VERDICT.md}, if the study wrote one. */
  public Optional<String> verdictMarkdown() {
    Path file = directory.resolve("VERDICT.md");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ResultsException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
