package org.losslandscape.pipeline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslandscape.pipeline.summary.RecipeSummary;
import org.losslandscape.pipeline.summary.Summary;

/**
 * Everything the page shows, read from one results folder and nothing else.
 *
 * @param folder the folder and its summary
 * @param verdictMarkdown the text of {@code VERDICT.md}, if there is one
 * @param recipes every recipe of the summary, in its order, with its files
 * @param figures the PNG figures to embed as images
 */
public record ReportContent(
    ResultsFolder folder,
    Optional<String> verdictMarkdown,
    List<RecipeContent> recipes,
    List<EmbeddedFigure> figures) {

  public ReportContent {
    recipes = List.copyOf(recipes);
    figures = List.copyOf(figures);
  }

  /**
   * One recipe (its first seed) with the files of its folder.
   *
   * @param index its position in the summary's {@code configs}
   * @param summary its entry there
   * @param slice its first direction pair's slice, absent for a diverged run
   * @param curve its training curve, absent for a sliced model that was not trained here
   */
  public record RecipeContent(
      int index,
      RecipeSummary summary,
      Optional<SliceArrays> slice,
      Optional<TrainingCurve> curve) {

    /** The recipe's name. */
    public String name() {
      return summary.name();
    }
  }

  /** Reads what the page needs from {@code folder}. */
  public static ReportContent read(ResultsFolder folder) {
    List<RecipeContent> recipes = new ArrayList<>();
    List<String> folders = new ArrayList<>();
    List<RecipeSummary> configs = folder.summary().configs();
    for (int i = 0; i < configs.size(); i++) {
      RecipeSummary recipe = configs.get(i);
      var dir = folder.recipeFolder(recipe);
      folders.add(recipe.name());
      recipes.add(
          new RecipeContent(
              i, recipe, SliceArrays.read(dir), TrainingCurve.read(dir.resolve("training.csv"))));
    }
    return new ReportContent(
        folder,
        folder.verdictMarkdown(),
        recipes,
        EmbeddedFigure.find(folder.directory(), folders));
  }

  /** The summary. */
  public Summary summary() {
    return folder.summary();
  }
}
