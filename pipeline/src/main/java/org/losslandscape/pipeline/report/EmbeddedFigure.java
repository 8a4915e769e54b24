package org.losslandscape.pipeline.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * A PNG figure of the results folder that the page shows as an image (the figures other stages
 * draw: raw vs filter directions, sharpness vs gap, a Hessian spectrum, trajectories, ...). They
 * are found by name, so a stage that adds a figure needs no change here.
 *
 * @param file the file's path relative to the results folder, with {@code /} separators
 * @param title a caption made from the name
 * @param bytes the PNG's size
 */
public record EmbeddedFigure(String file, String title, long bytes) {

  /** Figures the page draws interactively from the arrays, so their PNGs are not repeated. */
  static final Set<String> DRAWN_INTERACTIVELY =
      Set.of("surface_3d.png", "contour.png", "comparison.png", "sharpness.png");

  /** The per-model figures, which repeat the interactive surface and contour of that model. */
  static final Set<String> PER_MODEL_STANDARD =
      Set.of("surface_3d.png", "contour.png", "slices_1d.png");

  /** Captions for the figures known today; any other name is turned into words. */
  private static final Map<String, String> KNOWN_TITLES =
      Map.of(
          "raw_vs_filter.png",
          "Raw vs filter-normalized directions (same model, same draw)",
          "sharpness_vs_gap.png",
          "Sharpness vs generalization gap, every run a point",
          "generalization_scores.png",
          "How well each measure predicts the error gap across settings",
          "hessian_spectrum.png",
          "Hessian spectrum");

  /**
   * The figures to embed: the PNGs at the top of {@code results} that the page does not draw
   * itself, then those in each recipe folder of {@code recipeFolders} other than the standard
   * per-model ones, each group in name order.
   */
  public static List<EmbeddedFigure> find(Path results, List<String> recipeFolders) {
    List<EmbeddedFigure> out = new ArrayList<>();
    for (Path png : pngsIn(results)) {
      String name = png.getFileName().toString();
      if (!DRAWN_INTERACTIVELY.contains(name)) {
        out.add(of(results, png, titleOf(name)));
      }
    }
    for (String folder : recipeFolders) {
      for (Path png : pngsIn(results.resolve(folder))) {
        String name = png.getFileName().toString();
        if (!PER_MODEL_STANDARD.contains(name)) {
          out.add(of(results, png, folder + ": " + titleOf(name)));
        }
      }
    }
    return out;
  }

  /** The caption of a figure file: a known title, or the name in words ("hessian_spectrum.png"). */
  static String titleOf(String fileName) {
    String known = KNOWN_TITLES.get(fileName);
    if (known != null) {
      return known;
    }
    String words = fileName.replaceFirst("(?i)\\.png$", "").replace('_', ' ').replace('-', ' ');
    return words.isEmpty()
        ? fileName
        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  /** The file as a {@code data:} URI, to inline it into the page. */
  public String dataUri(Path results) {
    try {
      byte[] png = Files.readAllBytes(results.resolve(file));
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    } catch (IOException e) {
      throw new ResultsException("cannot read " + results.resolve(file) + ": " + e.getMessage(), e);
    }
  }

  /** Characters the figure adds to the page (base64 is 4 characters per 3 bytes). */
  public long pageCharacters() {
    return 4 * ((bytes + 2) / 3) + "data:image/png;base64,".length();
  }

  private static EmbeddedFigure of(Path results, Path png, String title) {
    try {
      String relative = results.relativize(png).toString().replace('\\', '/');
      return new EmbeddedFigure(relative, title, Files.size(png));
    } catch (IOException e) {
      throw new ResultsException("cannot read " + png + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> pngsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ResultsException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }
}
